'use client';

import { useEffect, useState, type ReactNode } from 'react';
import type { CombinedError } from 'urql';
import {
  useAssignConversationMutation,
  useHandOffConversationMutation,
  usePinConversationMutation,
  useReopenConversationMutation,
  useResolveConversationMutation,
  useTakeConversationMutation,
  type AgentFieldsFragment,
} from '@/generated/graphql';
import {
  availableActions,
  ownershipOf,
  permissionKey,
  type ConversationAction,
} from '@/lib/conversation-actions';
import { describeError, hasErrorCode } from '@/lib/graphql-error-code';
import type { ConversationSummary } from '@/lib/workbench-state';
import { AgentPicker } from './agent-picker';
import { PinIcon } from './icons';
import { focusRing } from './labels';

/** Runs a mutation returning the conversation and merges the result (see useInbox). */
export type UpdateConversation = (
  conversationId: string,
  run: () => Promise<{ conversation?: ConversationSummary; error?: CombinedError }>,
) => Promise<CombinedError | null>;

type LifecycleActionsProps = {
  conversation: ConversationSummary;
  meId: string | null;
  forbidden: ReadonlySet<string>;
  liveAgents: Readonly<Record<string, AgentFieldsFragment>>;
  updateConversation: UpdateConversation;
  onForbidden: (key: string) => void;
};

const forbiddenText: Partial<Record<ConversationAction, string>> = {
  reassign: 'You do not have permission to reassign conversations.',
  assign: 'You do not have permission to assign conversations.',
  return: 'You do not have permission to return this conversation to the queue.',
  pin: 'You can only pin your own conversations.',
};

const buttonBase = `flex w-full items-center justify-center gap-1.5 rounded-lg px-3 py-2 text-sm font-medium transition disabled:cursor-not-allowed disabled:opacity-60 ${focusRing}`;
const primary = `${buttonBase} bg-indigo-600 text-white hover:bg-indigo-500`;
const secondary = `${buttonBase} border border-slate-300 bg-white text-slate-700 hover:bg-slate-50`;

/** Take, assign, hand off, return, resolve, reopen and pin: what the agent can do with the conversation. */
export function LifecycleActions({
  conversation,
  meId,
  forbidden,
  liveAgents,
  updateConversation,
  onForbidden,
}: LifecycleActionsProps) {
  const [busy, setBusy] = useState<ConversationAction | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [picking, setPicking] = useState(false);
  const [, take] = useTakeConversationMutation();
  const [, assign] = useAssignConversationMutation();
  const [, handOff] = useHandOffConversationMutation();
  const [, resolve] = useResolveConversationMutation();
  const [, reopen] = useReopenConversationMutation();
  const [, pin] = usePinConversationMutation();

  const id = conversation.id;
  useEffect(() => {
    setError(null);
    setPicking(false);
  }, [id]);

  const actions = availableActions(conversation, meId, forbidden);
  const ownership = ownershipOf(conversation, meId);
  const has = (action: ConversationAction) => actions.includes(action);

  async function perform(
    action: ConversationAction,
    run: () => Promise<{ conversation?: ConversationSummary; error?: CombinedError }>,
  ): Promise<boolean> {
    setBusy(action);
    setError(null);
    const failure = await updateConversation(id, run);
    setBusy(null);
    if (!failure) return true;
    if (hasErrorCode(failure, 'FORBIDDEN')) {
      onForbidden(permissionKey(action, ownership));
      setError(forbiddenText[action] ?? describeError(failure));
    } else {
      setError(describeError(failure));
    }
    return false;
  }

  const takeIt = (action: 'take' | 'take-over') =>
    perform(action, async () => {
      const r = await take({ id });
      return { conversation: r.data?.takeConversation, error: r.error };
    });

  const assignTo = (action: ConversationAction, agentId: string | null, note: string | null) =>
    perform(action, async () => {
      const r = await assign({ input: { conversationId: id, agentId, note } });
      return { conversation: r.data?.assignConversation, error: r.error };
    });

  const label = (action: ConversationAction, idle: string, working: string): ReactNode =>
    busy === action ? working : idle;

  const assignAction: ConversationAction | null = has('reassign')
    ? 'reassign'
    : has('assign')
      ? 'assign'
      : null;

  return (
    <div className="space-y-2">
      {has('take') ? (
        <button
          type="button"
          data-testid="take-conversation"
          disabled={busy !== null}
          onClick={() => void takeIt('take')}
          className={primary}
        >
          {label('take', 'Take conversation', 'Taking…')}
        </button>
      ) : null}
      {has('take-over') ? (
        <button
          type="button"
          data-testid="take-conversation"
          disabled={busy !== null}
          onClick={() => void takeIt('take-over')}
          className={primary}
        >
          {label('take-over', 'Take over from robot', 'Taking over…')}
        </button>
      ) : null}

      <div className="grid grid-cols-2 gap-2">
        {assignAction ? (
          <button
            type="button"
            data-testid="assign-conversation"
            aria-expanded={picking}
            disabled={busy !== null}
            onClick={() => setPicking((p) => !p)}
            className={secondary}
          >
            {assignAction === 'reassign' ? 'Reassign…' : 'Assign…'}
          </button>
        ) : null}
        {has('hand-off') ? (
          <button
            type="button"
            data-testid="hand-off-conversation"
            disabled={busy !== null}
            onClick={() =>
              void perform('hand-off', async () => {
                const r = await handOff({ id });
                return { conversation: r.data?.handOffConversation, error: r.error };
              })
            }
            className={secondary}
          >
            {label('hand-off', 'To human queue', 'Handing off…')}
          </button>
        ) : null}
        {has('return') ? (
          <button
            type="button"
            data-testid="return-conversation"
            disabled={busy !== null}
            onClick={() => void assignTo('return', null, null)}
            className={secondary}
          >
            {label('return', 'Return to queue', 'Returning…')}
          </button>
        ) : null}
        {has('resolve') ? (
          <button
            type="button"
            data-testid="resolve-conversation"
            disabled={busy !== null}
            onClick={() =>
              void perform('resolve', async () => {
                const r = await resolve({ id });
                return { conversation: r.data?.resolveConversation, error: r.error };
              })
            }
            className={secondary}
          >
            {label('resolve', 'Resolve', 'Resolving…')}
          </button>
        ) : null}
        {has('reopen') ? (
          <button
            type="button"
            data-testid="reopen-conversation"
            disabled={busy !== null}
            onClick={() =>
              void perform('reopen', async () => {
                const r = await reopen({ id });
                return { conversation: r.data?.reopenConversation, error: r.error };
              })
            }
            className={secondary}
          >
            {label('reopen', 'Reopen', 'Reopening…')}
          </button>
        ) : null}
        {has('pin') ? (
          <button
            type="button"
            data-testid="pin-conversation"
            aria-pressed={conversation.pinned}
            disabled={busy !== null}
            onClick={() =>
              void perform('pin', async () => {
                const r = await pin({ id, pinned: !conversation.pinned });
                return { conversation: r.data?.pinConversation, error: r.error };
              })
            }
            className={secondary}
          >
            <PinIcon className="size-3.5" />
            {label('pin', conversation.pinned ? 'Unpin' : 'Pin', 'Saving…')}
          </button>
        ) : null}
      </div>

      {picking && assignAction ? (
        <AgentPicker
          meId={meId}
          excludeId={conversation.assignee?.id ?? null}
          liveAgents={liveAgents}
          busy={busy === assignAction}
          onCancel={() => setPicking(false)}
          onAssign={(agentId, note) =>
            void assignTo(assignAction, agentId, note).then((ok) => {
              if (ok) setPicking(false);
            })
          }
        />
      ) : null}

      {error ? (
        <p role="alert" className="rounded-lg bg-rose-50 px-3 py-2 text-sm text-rose-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
