import { SectionGate } from '@/components/settings/settings-shell';
import { WebhookSettings } from '@/components/settings/webhook-settings';

export default function WebhookSettingsPage() {
  return (
    <SectionGate section="webhooks">
      <WebhookSettings />
    </SectionGate>
  );
}
