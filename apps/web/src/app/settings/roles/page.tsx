import { SectionGate } from '@/components/settings/settings-shell';
import { RolesSettings } from '@/components/settings/roles-settings';

export default function RolesSettingsPage() {
  return (
    <SectionGate section="roles">
      <RolesSettings />
    </SectionGate>
  );
}
