import { SectionGate } from '@/components/settings/settings-shell';
import { GeneralSettings } from '@/components/settings/general-settings';

export default function GeneralSettingsPage() {
  return (
    <SectionGate section="general">
      <GeneralSettings />
    </SectionGate>
  );
}
