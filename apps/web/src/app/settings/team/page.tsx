import { SectionGate } from '@/components/settings/settings-shell';
import { TeamSettings } from '@/components/settings/team-settings';

export default function TeamSettingsPage() {
  return (
    <SectionGate section="team">
      <TeamSettings />
    </SectionGate>
  );
}
