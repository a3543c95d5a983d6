import { SectionGate } from '@/components/settings/settings-shell';
import { TagsSettings } from '@/components/settings/tags-settings';

export default function TagsSettingsPage() {
  return (
    <SectionGate section="tags">
      <TagsSettings />
    </SectionGate>
  );
}
