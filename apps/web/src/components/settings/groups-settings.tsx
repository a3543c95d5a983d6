'use client';

import { useState, type FormEvent } from 'react';
import type { CombinedError } from 'urql';
import {
  useAgentGroupsQuery,
  useAgentsQuery,
  useCreateAgentGroupMutation,
  useDeleteAgentGroupMutation,
  useSetAgentGroupMembersMutation,
  type AgentFieldsFragment,
  type AgentGroupFieldsFragment,
} from '@/generated/graphql';
import { memberSummary, sameMembers } from '@/lib/settings/groups';
import { SECTIONS } from '@/lib/settings/permissions';
import { validateName } from '@/lib/settings/validation';
import {
  Badge,
  Card,
  Checkbox,
  ConfirmButton,
  ErrorNotice,
  FieldError,
  inputClass,
  Notice,
  primaryButton,
  secondaryButton,
  SectionHeader,
  toggleIn,
} from './ui';

const info = SECTIONS.find((s) => s.id === 'groups');

export function GroupsSettings() {
  const [{ data, error, fetching }, refetch] = useAgentGroupsQuery({
    requestPolicy: 'network-only',
  });
  const [agentsResult] = useAgentsQuery({ requestPolicy: 'network-only' });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const [editing, setEditing] = useState<string | null>(null);
  const groups = data?.agentGroups ?? [];
  const agents = agentsResult.data?.agents ?? [];
  return (
    <div>
      <SectionHeader title="Groups" description={info?.description ?? ''} />
      <Card title="New group" description="Name a team, then choose who is in it.">
        <CreateGroupForm
          onCreated={(id) => {
            reload();
            setEditing(id);
          }}
        />
      </Card>
      <Card title="Groups" testId="group-list">
        {error && !data ? <ErrorNotice error={error} /> : null}
        {agentsResult.error && !agentsResult.data ? (
          <ErrorNotice error={agentsResult.error} />
        ) : null}
        {fetching && !data ? <p className="text-sm text-slate-500">Loading…</p> : null}
        {data && groups.length === 0 ? <Notice>No groups yet.</Notice> : null}
        <ul className="divide-y divide-slate-100">
          {groups.map((group) => (
            <GroupRow
              key={group.id}
              group={group}
              agents={agents}
              editing={editing === group.id}
              onEdit={() => setEditing(group.id)}
              onDone={() => {
                setEditing(null);
                reload();
              }}
              onDeleted={reload}
            />
          ))}
        </ul>
      </Card>
    </div>
  );
}

function CreateGroupForm({ onCreated }: { onCreated: (id: string) => void }) {
  const [{ fetching }, create] = useCreateAgentGroupMutation();
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | null>(null);
  const [serverError, setServerError] = useState<CombinedError | null>(null);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setServerError(null);
    const bad = validateName(name, 'Name', 60);
    setNameError(bad);
    if (bad) return;
    const result = await create({ name: name.trim() });
    if (result.error || !result.data) {
      setServerError(result.error ?? null);
      return;
    }
    setName('');
    onCreated(result.data.createAgentGroup.id);
  }

  return (
    <form onSubmit={handleSubmit} noValidate className="space-y-3">
      <div className="flex flex-wrap items-start gap-2">
        <div className="min-w-0 flex-1 sm:max-w-sm">
          <label htmlFor="group-name" className="sr-only">
            Group name
          </label>
          <input
            id="group-name"
            data-testid="group-name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="e.g. Sales"
            aria-invalid={nameError ? true : undefined}
            aria-describedby={nameError ? 'group-name-error' : undefined}
            className={inputClass}
          />
          <FieldError id="group-name-error" message={nameError} />
        </div>
        <button
          type="submit"
          data-testid="group-create"
          disabled={fetching}
          className={primaryButton}
        >
          {fetching ? 'Creating…' : 'Create group'}
        </button>
      </div>
      <ErrorNotice error={serverError} />
    </form>
  );
}

function GroupRow({
  group,
  agents,
  editing,
  onEdit,
  onDone,
  onDeleted,
}: {
  group: AgentGroupFieldsFragment;
  agents: readonly AgentFieldsFragment[];
  editing: boolean;
  onEdit: () => void;
  onDone: () => void;
  onDeleted: () => void;
}) {
  const [{ fetching: deleting }, remove] = useDeleteAgentGroupMutation();
  const [error, setError] = useState<CombinedError | null>(null);

  async function handleDelete() {
    setError(null);
    const result = await remove({ id: group.id });
    if (result.error) setError(result.error);
    else onDeleted();
  }

  return (
    <li data-testid="group-row" data-name={group.name} className="py-3">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="text-sm font-semibold text-slate-900">{group.name}</p>
          <p className="text-xs text-slate-500" data-testid="group-member-summary">
            {memberSummary(group.members)}
          </p>
          {group.members.length > 0 ? (
            <div className="mt-1.5 flex flex-wrap gap-1" data-testid="group-members">
              {group.members.map((m) => (
                <Badge key={m.id}>{m.name}</Badge>
              ))}
            </div>
          ) : null}
        </div>
        <div className="flex gap-2">
          {editing ? null : (
            <button
              type="button"
              data-testid="group-edit-members"
              onClick={onEdit}
              className={secondaryButton}
            >
              Edit members
            </button>
          )}
          <ConfirmButton
            label="Delete"
            confirmLabel="Delete group"
            testId="group-delete"
            disabled={deleting}
            onConfirm={() => void handleDelete()}
          />
        </div>
      </div>
      {editing ? <MembersForm group={group} agents={agents} onDone={onDone} /> : null}
      <div className="mt-2">
        <ErrorNotice error={error} />
      </div>
    </li>
  );
}

function MembersForm({
  group,
  agents,
  onDone,
}: {
  group: AgentGroupFieldsFragment;
  agents: readonly AgentFieldsFragment[];
  onDone: () => void;
}) {
  const [{ fetching }, save] = useSetAgentGroupMembersMutation();
  const initial = group.members.map((m) => m.id);
  const [selected, setSelected] = useState<string[]>(initial);
  const [serverError, setServerError] = useState<CombinedError | null>(null);
  // Members the team list lacks (deactivated) keep their place at the end.
  const order = [
    ...agents.map((a) => a.id),
    ...initial.filter((id) => !agents.some((a) => a.id === id)),
  ];

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setServerError(null);
    const result = await save({ groupId: group.id, agentIds: selected });
    if (result.error) setServerError(result.error);
    else onDone();
  }

  return (
    <form
      onSubmit={handleSubmit}
      data-testid="group-members-form"
      className="mt-3 space-y-3 rounded-xl border border-indigo-100 bg-indigo-50/40 p-4"
    >
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">Members of {group.name}</legend>
        {agents.length === 0 ? (
          <p className="mt-1 text-sm text-slate-500">Loading the team…</p>
        ) : (
          <div className="mt-1 grid gap-x-2 sm:grid-cols-2">
            {agents.map((agent) => (
              <Checkbox
                key={agent.id}
                testId={`group-member-${agent.id}`}
                checked={selected.includes(agent.id)}
                onChange={(on) => setSelected((s) => toggleIn(s, agent.id, on, order))}
                label={agent.name}
                description={agent.email}
              />
            ))}
          </div>
        )}
      </fieldset>
      <ErrorNotice error={serverError} />
      <div className="flex gap-2">
        <button
          type="submit"
          data-testid="group-members-save"
          disabled={fetching || sameMembers(selected, initial)}
          className={primaryButton}
        >
          {fetching ? 'Saving…' : 'Save members'}
        </button>
        <button type="button" onClick={onDone} className={secondaryButton}>
          Cancel
        </button>
      </div>
    </form>
  );
}
