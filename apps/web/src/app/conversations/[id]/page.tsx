import { Workbench } from '@/components/workbench';

/**
 * `/conversations/<id>`: the inbox with that conversation open (a link or a
 * reload). The workbench reads the id, view and filters from the URL itself.
 */
export default function ConversationPage() {
  return <Workbench />;
}
