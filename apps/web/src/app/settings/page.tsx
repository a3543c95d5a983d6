import { SettingsIndex } from '@/components/settings/settings-shell';

export default function SettingsPage() {
  return <SettingsIndex />;
}
