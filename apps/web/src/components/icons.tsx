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

export function FunnelIcon(props: IconProps) {
  return (
    <svg {...base} {...props}>
      <path
        fillRule="evenodd"
        d="M2.6 3.5A1 1 0 0 1 3.5 3h13a1 1 0 0 1 .78 1.63L12 11.1V16a1 1 0 0 1-.55.9l-2.5 1.25A1 1 0 0 1 7.5 17.25V11.1L2.72 4.63a1 1 0 0 1-.12-1.13z"
        clipRule="evenodd"
      />
    </svg>
  );
}

export function SearchIcon(props: IconProps) {
  return (
    <svg {...base} {...props}>
      <path
        fillRule="evenodd"
        d="M9 3.5a5.5 5.5 0 1 0 0 11 5.5 5.5 0 0 0 0-11zM2 9a7 7 0 1 1 12.45 4.39l3.08 3.08a.75.75 0 1 1-1.06 1.06l-3.08-3.08A7 7 0 0 1 2 9z"
        clipRule="evenodd"
      />
    </svg>
  );
}

export function BellIcon(props: IconProps) {
  return (
    <svg {...base} {...props}>
      <path
        fillRule="evenodd"
        d="M10 2a6 6 0 0 0-6 6c0 1.89-.47 3.29-1.1 4.26a.75.75 0 0 0 .63 1.16h12.94a.75.75 0 0 0 .63-1.16C16.47 11.29 16 9.89 16 8a6 6 0 0 0-6-6zm-2.45 13a2.5 2.5 0 0 0 4.9 0h-4.9z"
        clipRule="evenodd"
      />
    </svg>
  );
}

export function InfoIcon(props: IconProps) {
  return (
    <svg {...base} {...props}>
      <path
        fillRule="evenodd"
        d="M18 10a8 8 0 1 1-16 0 8 8 0 0 1 16 0zm-7-4a1 1 0 1 1-2 0 1 1 0 0 1 2 0zM9 9a.75.75 0 0 0 0 1.5h.25v3.25a.75.75 0 0 0 1.5 0V9.75A.75.75 0 0 0 10 9H9z"
        clipRule="evenodd"
      />
    </svg>
  );
}

export function CheckIcon(props: IconProps) {
  return (
    <svg {...base} {...props}>
      <path
        fillRule="evenodd"
        d="M16.7 5.3a1 1 0 0 1 0 1.4l-8 8a1 1 0 0 1-1.4 0l-4-4a1 1 0 1 1 1.4-1.4L8 12.58l7.3-7.3a1 1 0 0 1 1.4 0z"
        clipRule="evenodd"
      />
    </svg>
  );
}

export function DoubleCheckIcon(props: IconProps) {
  return (
    <svg {...base} {...props}>
      <path d="M13.7 5.3a1 1 0 0 1 0 1.4l-7 7a1 1 0 0 1-1.4 0l-3-3a1 1 0 1 1 1.4-1.4L6 11.58l6.3-6.3a1 1 0 0 1 1.4 0zm4 0a1 1 0 0 1 0 1.4l-7 7a1 1 0 0 1-1.46-.05l-.6-.66 1.4-1.4 6.26-6.3a1 1 0 0 1 1.4 0z" />
    </svg>
  );
}

export function CloseIcon(props: IconProps) {
  return (
    <svg {...base} {...props}>
      <path d="M5.28 4.22a.75.75 0 0 0-1.06 1.06L8.94 10l-4.72 4.72a.75.75 0 1 0 1.06 1.06L10 11.06l4.72 4.72a.75.75 0 1 0 1.06-1.06L11.06 10l4.72-4.72a.75.75 0 0 0-1.06-1.06L10 8.94 5.28 4.22z" />
    </svg>
  );
}
