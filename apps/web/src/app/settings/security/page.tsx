import { SecuritySettings } from '@/components/settings/security-settings';

export default function SecuritySettingsPage() {
  return <SecuritySettings />;
}
