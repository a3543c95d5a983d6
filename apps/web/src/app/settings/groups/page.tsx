import { GroupsSettings } from '@/components/settings/groups-settings';
import { SectionGate } from '@/components/settings/settings-shell';

export default function GroupsSettingsPage() {
  return (
    <SectionGate section="groups">
      <GroupsSettings />
    </SectionGate>
  );
}
