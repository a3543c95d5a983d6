const palette = [
  'bg-indigo-100 text-indigo-700',
  'bg-sky-100 text-sky-700',
  'bg-emerald-100 text-emerald-700',
  'bg-amber-100 text-amber-800',
  'bg-rose-100 text-rose-700',
  'bg-violet-100 text-violet-700',
  'bg-teal-100 text-teal-700',
];

export function initials(name: string): string {
  // Words that start with a letter make better initials ("E2E Visitor 42" → "EV").
  const words = name.trim().split(/\s+/).filter(Boolean);
  const lettered = words.filter((w) => /^\p{L}/u.test(w));
  const parts = lettered.length > 0 ? lettered : words;
  const picked = parts.length > 1 ? [parts[0], parts[parts.length - 1]] : parts;
  return picked.map((p) => p?.[0]?.toUpperCase() ?? '').join('') || '?';
}

function colourFor(seed: string): string {
  let hash = 0;
  for (const ch of seed) hash = (hash * 31 + ch.charCodeAt(0)) | 0;
  return palette[Math.abs(hash) % palette.length] ?? 'bg-slate-100 text-slate-700';
}

const dims = {
  xs: 'size-5 text-[9px]',
  sm: 'size-7 text-[11px]',
  md: 'size-10 text-sm',
  lg: 'size-14 text-lg',
} as const;

export function VisitorAvatar({
  id,
  name,
  size = 'md',
  title,
}: {
  id: string;
  name: string;
  size?: keyof typeof dims;
  /** Shown on hover; the avatar is decorative otherwise. */
  title?: string;
}) {
  return (
    <span
      aria-hidden="true"
      title={title}
      className={`flex shrink-0 items-center justify-center rounded-full font-semibold ${dims[size]} ${colourFor(id)}`}
    >
      {initials(name)}
    </span>
  );
}
