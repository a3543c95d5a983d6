import type { ConversationStatus } from '@/generated/graphql';
import { statusLabel } from './labels';

const tone: Record<ConversationStatus, string> = {
  ROBOT: 'bg-violet-50 text-violet-700 ring-violet-600/20',
  UNASSIGNED: 'bg-amber-50 text-amber-800 ring-amber-600/25',
  ASSIGNED: 'bg-emerald-50 text-emerald-700 ring-emerald-600/20',
  RESOLVED: 'bg-slate-100 text-slate-600 ring-slate-500/20',
};

export function StatusBadge({ status }: { status: ConversationStatus }) {
  return (
    <span
      className={`inline-flex shrink-0 items-center rounded-full px-2 py-0.5 text-[11px] font-medium ring-1 ring-inset ${tone[status]}`}
    >
      {statusLabel[status]}
    </span>
  );
}
