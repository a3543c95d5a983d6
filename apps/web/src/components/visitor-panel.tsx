import type { ConversationSummary } from '@/lib/workbench-state';
import { channelLabel } from './labels';
import { StatusBadge } from './status-badge';
import { VisitorAvatar } from './visitor-avatar';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function VisitorPanel({ conversation }: { conversation: ConversationSummary }) {
  const { visitor } = conversation;
  return (
    <div className="space-y-6 p-5">
      <div className="flex flex-col items-center gap-2 text-center">
        <VisitorAvatar id={visitor.id} name={visitor.name} size="lg" />
        <div className="min-w-0">
          <h2 className="truncate text-base font-semibold text-slate-900">{visitor.name}</h2>
          {visitor.email ? (
            <a
              href={`mailto:${visitor.email}`}
              className="block truncate rounded text-sm text-indigo-600 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600"
            >
              {visitor.email}
            </a>
          ) : (
            <p className="text-sm text-slate-400">No email yet</p>
          )}
        </div>
      </div>
      <dl className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white text-sm">
        <div className="flex items-center justify-between gap-3 px-4 py-2.5">
          <dt className="text-slate-500">Status</dt>
          <dd>
            <StatusBadge status={conversation.status} />
          </dd>
        </div>
        <div className="flex items-center justify-between gap-3 px-4 py-2.5">
          <dt className="text-slate-500">Channel</dt>
          <dd className="font-medium text-slate-800">{channelLabel[conversation.channel]}</dd>
        </div>
        <div className="flex items-center justify-between gap-3 px-4 py-2.5">
          <dt className="text-slate-500">Assignee</dt>
          <dd className="truncate font-medium text-slate-800">
            {conversation.assignee?.name ?? 'Nobody'}
          </dd>
        </div>
        <div className="flex items-center justify-between gap-3 px-4 py-2.5">
          <dt className="text-slate-500">Started</dt>
          <dd className="text-right text-slate-800">
            <time dateTime={conversation.createdAt}>
              {dateFormat.format(new Date(conversation.createdAt))}
            </time>
          </dd>
        </div>
      </dl>
    </div>
  );
}
