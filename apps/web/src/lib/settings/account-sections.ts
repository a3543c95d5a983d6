/** Settings about the signed-in person's own account: open to every agent, whatever their role. */
export type AccountSectionInfo = { id: string; label: string; href: string };

export const ACCOUNT_SECTIONS: readonly AccountSectionInfo[] = [
  { id: 'security', label: 'Security', href: '/settings/security' },
];
