'use client';

import { useId, useState, type FormEvent } from 'react';
import { useAgentsQuery, type AgentFieldsFragment } from '@/generated/graphql';
import { describeError } from '@/lib/graphql-error-code';
import { agentStatusDot, agentStatusLabel, focusRing } from './labels';
import { AgentAvatar } from './agent-avatar';

type AgentPickerProps = {
  meId: string | null;
  /** The current assignee, left out of the choices. */
  excludeId: string | null;
  /** Live presence from the event stream, newer than the fetched list. */
  liveAgents: Readonly<Record<string, AgentFieldsFragment>>;
  busy: boolean;
  onAssign: (agentId: string, note: string | null) => void;
  onCancel: () => void;
};

const statusOrder = { ONLINE: 0, AWAY: 1, OFFLINE: 2 } as const;

/** Choose a teammate (presence and load shown) and an optional note. */
export function AgentPicker({
  meId,
  excludeId,
  liveAgents,
  busy,
  onAssign,
  onCancel,
}: AgentPickerProps) {
  const [{ data, fetching, error }] = useAgentsQuery({ requestPolicy: 'network-only' });
  const [choice, setChoice] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const noteId = useId();

  const agents = (data?.agents ?? [])
    .map((agent) => ({ ...agent, ...liveAgents[agent.id] }))
    .filter((agent) => agent.id !== excludeId)
    .sort((a, b) => statusOrder[a.status] - statusOrder[b.status] || a.name.localeCompare(b.name));

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (choice) onAssign(choice, note.trim() || null);
  }

  return (
    <form
      onSubmit={handleSubmit}
      aria-label="Assign to a teammate"
      className="space-y-3 rounded-xl border border-indigo-200 bg-white p-3 shadow-sm"
    >
      <fieldset>
        <legend className="mb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">
          Assign to
        </legend>
        {fetching && agents.length === 0 ? (
          <p className="text-sm text-slate-400">Loading the team…</p>
        ) : error && agents.length === 0 ? (
          <p role="alert" className="text-sm text-rose-700">
            {describeError(error)}
          </p>
        ) : agents.length === 0 ? (
          <p className="text-sm text-slate-500">Nobody else is on this team yet.</p>
        ) : (
          <ul className="max-h-56 space-y-1 overflow-y-auto">
            {agents.map((agent) => {
              const full = agent.activeConversationCount >= agent.receptionLimit;
              return (
                <li key={agent.id}>
                  <label
                    className={`flex cursor-pointer items-center gap-2.5 rounded-lg px-2 py-1.5 text-sm has-[:checked]:bg-indigo-50 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-indigo-600 hover:bg-slate-50`}
                  >
                    <input
                      type="radio"
                      name="agent"
                      value={agent.id}
                      checked={choice === agent.id}
                      onChange={() => setChoice(agent.id)}
                      className="sr-only"
                    />
                    <span className="relative">
                      <AgentAvatar
                        id={agent.id}
                        name={agent.name}
                        avatarUrl={agent.avatarUrl}
                        size="sm"
                      />
                      <span
                        aria-hidden="true"
                        className={`absolute -right-0.5 -bottom-0.5 size-2.5 rounded-full ring-2 ring-white ${agentStatusDot[agent.status]}`}
                      />
                    </span>
                    <span className="min-w-0 flex-1">
                      <span className="block truncate font-medium text-slate-800">
                        {agent.name}
                        {agent.id === meId ? ' (you)' : ''}
                      </span>
                      <span className="block text-xs text-slate-500">
                        {agentStatusLabel[agent.status]}
                      </span>
                    </span>
                    <span
                      title="Open conversations / reception limit"
                      className={`text-xs tabular-nums ${full ? 'font-semibold text-rose-600' : 'text-slate-500'}`}
                    >
                      {agent.activeConversationCount}/{agent.receptionLimit}
                    </span>
                  </label>
                </li>
              );
            })}
          </ul>
        )}
      </fieldset>
      <div className="space-y-1">
        <label htmlFor={noteId} className="block text-xs font-medium text-slate-600">
          Note for your teammate <span className="font-normal text-slate-400">(optional)</span>
        </label>
        <textarea
          id={noteId}
          rows={2}
          value={note}
          maxLength={500}
          onChange={(e) => setNote(e.target.value)}
          placeholder="Context, next steps…"
          className="block w-full resize-none rounded-lg border border-slate-300 px-2.5 py-1.5 text-sm placeholder:text-slate-400 focus:border-indigo-500 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500/40"
        />
      </div>
      <div className="flex justify-end gap-2">
        <button
          type="button"
          onClick={onCancel}
          className={`rounded-lg px-3 py-1.5 text-sm font-medium text-slate-600 hover:bg-slate-100 ${focusRing}`}
        >
          Cancel
        </button>
        <button
          type="submit"
          data-testid="assign-confirm"
          disabled={!choice || busy}
          className={`rounded-lg bg-indigo-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-indigo-500 disabled:cursor-not-allowed disabled:bg-slate-300 ${focusRing}`}
        >
          {busy ? 'Assigning…' : 'Assign'}
        </button>
      </div>
    </form>
  );
}
