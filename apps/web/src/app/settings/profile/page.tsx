import { SectionGate } from '@/components/settings/settings-shell';
import { ProfileSettings } from '@/components/settings/profile-settings';

export default function ProfileSettingsPage() {
  return (
    <SectionGate section="profile">
      <ProfileSettings />
    </SectionGate>
  );
}
