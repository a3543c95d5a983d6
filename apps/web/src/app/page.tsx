import { Workbench } from '@/components/workbench';

export default function WorkbenchPage() {
  return <Workbench />;
}
