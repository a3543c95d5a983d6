import type { SVGProps } from 'react';

type IconProps = SVGProps<SVGSVGElement>;

const base = {
  xmlns: 'http://www.w3.org/2000/svg',
  viewBox: '0 0 20 20',
  fill: 'currentColor',
  'aria-hidden': true,
} as const;

export function PinIcon(props: IconProps) {
  return (
    <svg {...base} {...props}>
      <path d="M12.6 2.3a1 1 0 0 1 1.4 0l3.7 3.7a1 1 0 0 1 0 1.4l-1.5 1.5a1 1 0 0 1-1 .25l-1.6-.45-2.6 2.6.5 2.4a1 1 0 0 1-.27.9l-.9.9a1 1 0 0 1-1.4 0L6.7 13.2l-3.3 3.3a.75.75 0 1 1-1.06-1.06l3.3-3.3-2.2-2.2a1 1 0 0 1 0-1.4l.9-.9a1 1 0 0 1 .9-.27l2.4.5 2.6-2.6-.45-1.6a1 1 0 0 1 .25-1z" />
    </svg>
  );
}

export function SendIcon(props: IconProps) {
  return (
    <svg {...base} {...props}>
      <path d="M3.1 2.3a.75.75 0 0 0-.98.93l1.75 5.53a.75.75 0 0 0 .6.51l6.03.98-6.03.98a.75.75 0 0 0-.6.51l-1.75 5.53a.75.75 0 0 0 .98.93l14.5-7a.75.75 0 0 0 0-1.35z" />
    </svg>
  );
}

export function BackIcon(props: IconProps) {
  return (
    <svg {...base} {...props}>
      <path
        fillRule="evenodd"
        d="M12.8 4.2a.75.75 0 0 1 0 1.06L8.06 10l4.74 4.74a.75.75 0 1 1-1.06 1.06l-5.27-5.27a.75.75 0 0 1 0-1.06l5.27-5.27a.75.75 0 0 1 1.06 0z"
        clipRule="evenodd"
      />
    </svg>
  );
}

export function ChatIcon(props: IconProps) {
  return (
    <svg {...base} {...props}>
      <path
        fillRule="evenodd"
        d="M10 2c-4.42 0-8 3.04-8 6.8 0 2.02 1.04 3.83 2.68 5.07-.1.93-.5 1.98-1.24 2.86a.5.5 0 0 0 .45.82c1.72-.2 3.04-.83 3.94-1.44.7.15 1.42.23 2.17.23 4.42 0 8-3.04 8-6.8S14.42 2 10 2z"
        clipRule="evenodd"
      />
    </svg>
  );
}
