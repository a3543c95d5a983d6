'use client';

import { useState } from 'react';
import { VisitorAvatar } from './visitor-avatar';

const pixels = { xs: 20, sm: 28, md: 40, lg: 56 } as const;
const dims = { xs: 'size-5', sm: 'size-7', md: 'size-10', lg: 'size-14' } as const;

/**
 * An agent's uploaded avatar (served by the API through the `/avatars/*`
 * rewrite), or their initials when they have none or it fails to load.
 */
export function AgentAvatar({
  id,
  name,
  avatarUrl,
  size = 'md',
}: {
  id: string;
  name: string;
  avatarUrl: string | null | undefined;
  size?: keyof typeof pixels;
}) {
  const [failed, setFailed] = useState<string | null>(null);
  if (!avatarUrl || failed === avatarUrl) return <VisitorAvatar id={id} name={name} size={size} />;
  return (
    // A small image from our own API, already 256×256: next/image would add nothing.
    <img
      src={avatarUrl}
      alt=""
      width={pixels[size]}
      height={pixels[size]}
      loading="lazy"
      onError={() => setFailed(avatarUrl)}
      className={`shrink-0 rounded-full bg-slate-100 object-cover ${dims[size]}`}
    />
  );
}
