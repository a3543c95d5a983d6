import type { ReactNode } from 'react';
import { formatPhone } from '@parley/phone';
import type { AgentFieldsFragment, VisitorProfileFragment } from '@/generated/graphql';
import { formatRelativeTime } from '@/lib/relative-time';
import type { ConversationSummary } from '@/lib/workbench-state';
import { BackIcon } from './icons';
import { channelLabel, focusRing } from './labels';
import { LifecycleActions, type UpdateConversation } from './lifecycle-actions';
import { RouteGroup } from './route-group';
import { StatusBadge } from './status-badge';
import { VisitorAvatar } from './visitor-avatar';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function languageName(tag: string): string {
  try {
    const name = new Intl.DisplayNames(undefined, { type: 'language' }).of(tag);
    return name && name !== tag ? `${name} (${tag})` : tag;
  } catch {
    return tag;
  }
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex items-center justify-between gap-3 px-4 py-2.5">
      <dt className="shrink-0 text-slate-500">{label}</dt>
      <dd className="min-w-0 truncate text-right font-medium text-slate-800">{children}</dd>
    </div>
  );
}

const card = 'divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white text-sm';
const heading = 'mb-2 px-1 text-xs font-semibold tracking-wide text-slate-500 uppercase';

type VisitorPanelProps = {
  conversation: ConversationSummary;
  profile: VisitorProfileFragment | null;
  meId: string | null;
  now: number;
  forbidden: ReadonlySet<string>;
  liveAgents: Readonly<Record<string, AgentFieldsFragment>>;
  updateConversation: UpdateConversation;
  onForbidden: (key: string) => void;
  /** Narrow screens: back to the chat. */
  onClose: () => void;
};

/** Right panel: the visitor's profile, the conversation's state and what can be done with it. */
export function VisitorPanel({
  conversation,
  profile,
  meId,
  now,
  forbidden,
  liveAgents,
  updateConversation,
  onForbidden,
  onClose,
}: VisitorPanelProps) {
  // Live fields (name, email, phone, tags) come with every event; the rest from the profile query.
  const visitor = { ...profile, ...conversation.visitor };
  const pageViews = profile?.pageViews ?? [];
  return (
    <div className="space-y-5 p-4">
      <button
        type="button"
        onClick={onClose}
        className={`-mb-2 flex items-center gap-1 rounded-md px-1 py-0.5 text-sm text-slate-600 hover:bg-slate-100 lg:hidden ${focusRing}`}
      >
        <BackIcon className="size-4" /> Back to chat
      </button>
      <div className="flex flex-col items-center gap-2 pt-1 text-center">
        <VisitorAvatar id={visitor.id} name={visitor.name} size="lg" />
        <div className="w-full min-w-0">
          <h2
            className="truncate text-base font-semibold text-slate-900"
            title={visitor.name}
            data-testid="visitor-panel-name"
          >
            {visitor.name}
          </h2>
          <p className="text-xs text-slate-500">
            {visitor.lastSeenAt
              ? `Last seen ${formatRelativeTime(visitor.lastSeenAt, now) === 'now' ? 'just now' : `${formatRelativeTime(visitor.lastSeenAt, now)} ago`}`
              : 'Not seen yet'}
          </p>
        </div>
      </div>

      <section aria-labelledby="panel-conversation">
        <h3 id="panel-conversation" className={heading}>
          Conversation
        </h3>
        <dl className={card}>
          <Row label="Status">
            <StatusBadge status={conversation.status} />
          </Row>
          <Row label="Assignee">
            {conversation.assignee ? (
              <span className="inline-flex max-w-full min-w-0 items-center gap-1.5 align-middle">
                <VisitorAvatar
                  id={conversation.assignee.id}
                  name={conversation.assignee.name}
                  size="xs"
                />
                <span className="truncate" title={conversation.assignee.name}>
                  {conversation.assignee.id === meId ? 'You' : conversation.assignee.name}
                </span>
              </span>
            ) : (
              <span className="font-normal text-slate-400">Nobody</span>
            )}
          </Row>
          <Row label="Group">
            {conversation.group ? (
              <span data-testid="conversation-group" title={conversation.group.name}>
                {conversation.group.name}
              </span>
            ) : (
              <span data-testid="conversation-group" className="font-normal text-slate-400">
                None
              </span>
            )}
          </Row>
          <Row label="Channel">{channelLabel[conversation.channel]}</Row>
          <Row label="Started">
            <time dateTime={conversation.createdAt}>
              {dateFormat.format(new Date(conversation.createdAt))}
            </time>
          </Row>
          {conversation.resolvedAt ? (
            <Row label="Resolved">
              <time dateTime={conversation.resolvedAt}>
                {dateFormat.format(new Date(conversation.resolvedAt))}
              </time>
            </Row>
          ) : null}
        </dl>
        <div className="mt-3">
          <LifecycleActions
            conversation={conversation}
            meId={meId}
            forbidden={forbidden}
            liveAgents={liveAgents}
            updateConversation={updateConversation}
            onForbidden={onForbidden}
          />
        </div>
        <div className="mt-3">
          <RouteGroup conversation={conversation} updateConversation={updateConversation} />
        </div>
      </section>

      <section aria-labelledby="panel-visitor">
        <h3 id="panel-visitor" className={heading}>
          Basic information
        </h3>
        <dl className={card}>
          <Row label="Email">
            {visitor.email ? (
              <a
                href={`mailto:${visitor.email}`}
                title={visitor.email}
                className={`rounded text-indigo-600 hover:underline ${focusRing}`}
              >
                {visitor.email}
              </a>
            ) : (
              <span className="font-normal text-slate-400">—</span>
            )}
          </Row>
          <Row label="Phone">
            {visitor.phone ? (
              <a
                href={`tel:${visitor.phone.replace(/[^\d+]/g, '')}`}
                className={`rounded text-indigo-600 hover:underline ${focusRing}`}
              >
                {formatPhone(visitor.phone)}
              </a>
            ) : (
              <span className="font-normal text-slate-400">—</span>
            )}
          </Row>
          <Row label="Language">
            {visitor.language ? (
              languageName(visitor.language)
            ) : (
              <span className="font-normal text-slate-400">—</span>
            )}
          </Row>
          <div className="px-4 py-2.5">
            <dt className="mb-1.5 text-slate-500">Tags</dt>
            <dd className="flex flex-wrap gap-1.5">
              {visitor.tags.length === 0 ? (
                <span className="text-slate-400">No tags</span>
              ) : (
                visitor.tags.map((tag) => (
                  <span
                    key={tag.id}
                    className="inline-flex items-center gap-1.5 rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700"
                  >
                    <span
                      aria-hidden="true"
                      className="size-2 rounded-full"
                      style={{ backgroundColor: tag.color }}
                    />
                    {tag.name}
                  </span>
                ))
              )}
            </dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="panel-pages">
        <h3 id="panel-pages" className={heading}>
          Recent pages
        </h3>
        {pageViews.length === 0 ? (
          <p className="px-1 text-sm text-slate-400">
            {profile ? 'No page views recorded.' : 'Loading…'}
          </p>
        ) : (
          <ol className={card}>
            {pageViews.map((view) => (
              <li key={`${view.viewedAt}-${view.url}`} className="px-4 py-2.5">
                <p className="truncate font-medium text-slate-800" title={view.url}>
                  {view.title || view.url}
                </p>
                <p className="flex gap-2 text-xs text-slate-500">
                  <span className="min-w-0 flex-1 truncate">{view.url}</span>
                  <time dateTime={view.viewedAt} className="shrink-0">
                    {formatRelativeTime(view.viewedAt, now)}
                  </time>
                </p>
                {view.referrer ? (
                  <p className="truncate text-xs text-slate-400">from {view.referrer}</p>
                ) : null}
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
