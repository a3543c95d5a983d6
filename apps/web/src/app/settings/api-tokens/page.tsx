import { SectionGate } from '@/components/settings/settings-shell';
import { ApiTokenSettings } from '@/components/settings/api-token-settings';

export default function ApiTokenSettingsPage() {
  return (
    <SectionGate section="api-tokens">
      <ApiTokenSettings />
    </SectionGate>
  );
}
