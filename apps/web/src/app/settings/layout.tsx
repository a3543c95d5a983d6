import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { SettingsShell } from '@/components/settings/settings-shell';

export const metadata: Metadata = { title: 'Settings · Parley' };

export default function SettingsLayout({ children }: { children: ReactNode }) {
  return <SettingsShell>{children}</SettingsShell>;
}
