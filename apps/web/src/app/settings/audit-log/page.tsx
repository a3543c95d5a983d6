import { SectionGate } from '@/components/settings/settings-shell';
import { AuditLogSettings } from '@/components/settings/audit-log-settings';

export default function AuditLogSettingsPage() {
  return (
    <SectionGate section="audit-log">
      <AuditLogSettings />
    </SectionGate>
  );
}
