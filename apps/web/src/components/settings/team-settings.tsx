'use client';

import { useState, type FormEvent } from 'react';
import { AgentAvatar } from '../agent-avatar';
import type { CombinedError } from 'urql';
import {
  useChangeMemberRoleMutation,
  useCustomRolesQuery,
  useCreatePasswordResetLinkMutation,
  useDeactivateMemberMutation,
  useInvitationsQuery,
  useInviteMemberMutation,
  useReactivateMemberMutation,
  useRevokeInvitationMutation,
  useSetReceptionLimitMutation,
  useTeamMembersQuery,
  type CustomRoleFieldsFragment,
  type InvitationFieldsFragment,
  type TeamMemberFieldsFragment,
} from '@/generated/graphql';
import { formatDateTime } from '@/lib/settings/format';
import { memberRoleLabel } from '@/lib/settings/labels';
import {
  assignableRoles,
  decodeRoleChoice,
  SECTIONS,
  type RoleChoice,
} from '@/lib/settings/permissions';
import { validateEmail, validateReceptionLimit } from '@/lib/settings/validation';
import { agentStatusDot, agentStatusLabel } from '../labels';
import { RoleSelect } from './role-select';
import { useSettingsViewer } from './settings-context';
import {
  Badge,
  Card,
  ConfirmButton,
  CopyField,
  ErrorNotice,
  FieldError,
  inputClass,
  Notice,
  primaryButton,
  secondaryButton,
  SectionHeader,
} from './ui';

const info = SECTIONS.find((s) => s.id === 'team');

type InviteResult = { link: string; emailed: boolean; email: string };

export function TeamSettings() {
  const [members, refetchMembers] = useTeamMembersQuery({ requestPolicy: 'network-only' });
  const [invitations, refetchInvitations] = useInvitationsQuery({ requestPolicy: 'network-only' });
  const [customRoles] = useCustomRolesQuery({ requestPolicy: 'network-only' });
  const roles = customRoles.data?.customRoles ?? [];
  const reloadMembers = () => refetchMembers({ requestPolicy: 'network-only' });
  const reloadInvitations = () => refetchInvitations({ requestPolicy: 'network-only' });

  return (
    <div>
      <SectionHeader title="Team" description={info?.description ?? ''} />
      <Card title="Members" testId="team-members">
        {members.error && !members.data ? <ErrorNotice error={members.error} /> : null}
        {members.fetching && !members.data ? (
          <p className="text-sm text-slate-500">Loading…</p>
        ) : null}
        {members.data ? (
          <MembersTable
            members={members.data.teamMembers}
            customRoles={roles}
            onChanged={reloadMembers}
          />
        ) : null}
      </Card>
      <InviteCard customRoles={roles} onInvited={reloadInvitations} />
      <Card title="Pending invitations" testId="team-invitations">
        {invitations.error && !invitations.data ? <ErrorNotice error={invitations.error} /> : null}
        {invitations.data ? (
          <InvitationList
            invitations={invitations.data.invitations}
            onChanged={reloadInvitations}
          />
        ) : null}
      </Card>
    </div>
  );
}

function MembersTable({
  members,
  customRoles,
  onChanged,
}: {
  members: readonly TeamMemberFieldsFragment[];
  customRoles: readonly CustomRoleFieldsFragment[];
  onChanged: () => void;
}) {
  if (members.length === 0) return <Notice>No members.</Notice>;
  return (
    <div className="-mx-5 overflow-x-auto">
      <table className="w-full min-w-[48rem] text-left text-sm">
        <thead className="text-xs text-slate-500 uppercase">
          <tr className="border-b border-slate-100">
            <th className="px-5 py-2 font-medium">Member</th>
            <th className="px-2 py-2 font-medium">Role</th>
            <th className="px-2 py-2 font-medium">Load / limit</th>
            <th className="px-2 py-2 font-medium">Account</th>
            <th className="px-5 py-2">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {members.map((member) => (
            <MemberRow
              key={member.agent.id}
              member={member}
              customRoles={customRoles}
              onChanged={onChanged}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function MemberRow({
  member,
  customRoles,
  onChanged,
}: {
  member: TeamMemberFieldsFragment;
  customRoles: readonly CustomRoleFieldsFragment[];
  onChanged: () => void;
}) {
  const viewer = useSettingsViewer();
  const assignable = assignableRoles(viewer);
  const isSelf = viewer.agentId === member.agent.id;
  const [{ fetching: changingRole }, changeRole] = useChangeMemberRoleMutation();
  const [{ fetching: deactivating }, deactivate] = useDeactivateMemberMutation();
  const [{ fetching: reactivating }, reactivate] = useReactivateMemberMutation();
  const [{ fetching: savingLimit }, setReceptionLimit] = useSetReceptionLimitMutation();
  const [{ fetching: makingLink }, makeResetLink] = useCreatePasswordResetLinkMutation();
  const [resetLink, setResetLink] = useState<string | null>(null);
  const [error, setError] = useState<CombinedError | null>(null);
  const [limit, setLimit] = useState(String(member.agent.receptionLimit));
  const [limitError, setLimitError] = useState<string | null>(null);
  const current: RoleChoice = { role: member.role, customRoleId: member.customRole?.id ?? null };
  // An admin cannot touch an owner's role; the server has the last word either way.
  const canEditRole = assignable.includes(member.role);
  const limitChanged = limit.trim() !== String(member.agent.receptionLimit);

  // For servers without e-mail: a one-hour link the admin hands to the member.
  async function handleResetLink() {
    setError(null);
    const result = await makeResetLink({ agentId: member.agent.id });
    if (result.error || !result.data) setError(result.error ?? null);
    else setResetLink(result.data.createPasswordResetLink.link);
  }

  async function handleRole(value: string) {
    const choice = decodeRoleChoice(value);
    if (!choice) return;
    setError(null);
    const result = await changeRole({
      input: { agentId: member.agent.id, role: choice.role, customRoleId: choice.customRoleId },
    });
    if (result.error) setError(result.error);
    onChanged();
  }

  async function handleLimit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    const invalid = validateReceptionLimit(limit);
    setLimitError(invalid);
    if (invalid) return;
    const result = await setReceptionLimit({
      agentId: member.agent.id,
      limit: Number(limit.trim()),
    });
    if (result.error) setError(result.error);
    else setLimit(String(result.data?.setReceptionLimit.receptionLimit ?? limit));
    onChanged();
  }

  async function handleActive(active: boolean) {
    setError(null);
    const result = active
      ? await reactivate({ agentId: member.agent.id })
      : await deactivate({ agentId: member.agent.id });
    if (result.error) setError(result.error);
    onChanged();
  }

  const rowId = `member-${member.agent.id}`;
  return (
    <>
      <tr
        data-testid="team-member"
        data-email={member.agent.email}
        data-active={member.active ? 'true' : 'false'}
        className={`border-b border-slate-100 last:border-0 ${member.active ? '' : 'bg-slate-50/70'}`}
      >
        <td className="px-5 py-2.5">
          <div className="flex items-center gap-2">
            <span
              aria-hidden="true"
              title={agentStatusLabel[member.agent.status]}
              className={`size-2 shrink-0 rounded-full ${agentStatusDot[member.agent.status]}`}
            />
            <span className="sr-only">{agentStatusLabel[member.agent.status]}</span>
            <AgentAvatar
              id={member.agent.id}
              name={member.agent.name}
              avatarUrl={member.agent.avatarUrl}
              size="sm"
            />
            <div className="max-w-56 min-w-0">
              <p className="truncate font-medium text-slate-900" title={member.agent.name}>
                {member.agent.name}
                {isSelf ? <span className="ml-1 text-xs text-slate-500">(you)</span> : null}
              </p>
              <p className="truncate text-xs text-slate-500" title={member.agent.email}>
                {member.agent.email}
              </p>
            </div>
          </div>
        </td>
        <td className="w-48 px-2 py-2.5">
          {canEditRole ? (
            <RoleSelect
              id={`${rowId}-role`}
              label={`Role of ${member.agent.name}`}
              testId="team-member-role"
              value={current}
              assignable={assignable}
              customRoles={customRoles}
              disabled={changingRole}
              onChange={(v) => void handleRole(v)}
            />
          ) : (
            <span className="text-slate-700">
              {memberRoleLabel(member.role, member.customRole?.name)}
            </span>
          )}
        </td>
        <td className="px-2 py-2.5">
          <form onSubmit={handleLimit} noValidate className="flex items-center gap-1.5">
            <span className="text-slate-700 tabular-nums" title="Open conversations now">
              {member.agent.activeConversationCount}
            </span>
            <span className="text-slate-400">/</span>
            <label htmlFor={`${rowId}-limit`} className="sr-only">
              Reception limit of {member.agent.name}
            </label>
            <input
              id={`${rowId}-limit`}
              data-testid="team-member-limit"
              type="number"
              min={0}
              max={1000}
              value={limit}
              onChange={(e) => setLimit(e.target.value)}
              aria-invalid={limitError ? true : undefined}
              className={`${inputClass} w-20 py-1`}
            />
            {limitChanged ? (
              <button type="submit" disabled={savingLimit} className={secondaryButton}>
                Save
              </button>
            ) : null}
          </form>
          <FieldError id={`${rowId}-limit-error`} message={limitError} />
        </td>
        <td className="px-2 py-2.5">
          {member.active ? (
            <Badge className="bg-emerald-50 text-emerald-800 ring-emerald-200">Active</Badge>
          ) : (
            <Badge className="bg-slate-100 text-slate-600 ring-slate-200">Deactivated</Badge>
          )}
        </td>
        <td className="px-5 py-2.5 text-right whitespace-nowrap">
          {isSelf || !canEditRole || !member.active ? null : (
            <button
              type="button"
              data-testid="team-member-reset-link"
              disabled={makingLink}
              onClick={() => void handleResetLink()}
              className={`${secondaryButton} mr-2`}
              title="A one-hour link to choose a new password, for servers that cannot send e-mail"
            >
              {makingLink ? 'Making link…' : 'Password link'}
            </button>
          )}
          {isSelf || !canEditRole ? null : member.active ? (
            <ConfirmButton
              label="Deactivate"
              confirmLabel="Deactivate"
              disabled={deactivating}
              testId="team-member-deactivate"
              onConfirm={() => void handleActive(false)}
            />
          ) : (
            <button
              type="button"
              data-testid="team-member-reactivate"
              disabled={reactivating}
              onClick={() => void handleActive(true)}
              className={secondaryButton}
            >
              Reactivate
            </button>
          )}
        </td>
      </tr>
      {error ? (
        <tr>
          <td colSpan={5} className="px-5 pb-2.5">
            <ErrorNotice error={error} />
          </td>
        </tr>
      ) : null}
      {resetLink ? (
        <tr>
          <td colSpan={5} className="px-5 pb-3">
            <div
              role="status"
              className="space-y-2 rounded-xl border border-indigo-100 bg-indigo-50/60 px-4 py-3"
            >
              <CopyField
                label={`Password link for ${member.agent.name} (works once, for one hour)`}
                value={resetLink}
                testId="team-member-reset-link-value"
              />
              <button type="button" onClick={() => setResetLink(null)} className={secondaryButton}>
                Done
              </button>
            </div>
          </td>
        </tr>
      ) : null}
    </>
  );
}

function InviteCard({
  customRoles,
  onInvited,
}: {
  customRoles: readonly CustomRoleFieldsFragment[];
  onInvited: () => void;
}) {
  const viewer = useSettingsViewer();
  const assignable = assignableRoles(viewer);
  const [{ fetching }, invite] = useInviteMemberMutation();
  const [email, setEmail] = useState('');
  const [choice, setChoice] = useState<RoleChoice>({ role: 'AGENT', customRoleId: null });
  const [emailError, setEmailError] = useState<string | null>(null);
  const [serverError, setServerError] = useState<CombinedError | null>(null);
  const [result, setResult] = useState<InviteResult | null>(null);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setServerError(null);
    const invalid = validateEmail(email);
    setEmailError(invalid);
    if (invalid) return;
    const sent = await invite({
      input: { email: email.trim(), role: choice.role, customRoleId: choice.customRoleId },
    });
    if (sent.data) {
      const { link, emailed, invitation } = sent.data.inviteMember;
      setResult({ link, emailed, email: invitation.email });
      setEmail('');
      onInvited();
    } else setServerError(sent.error ?? null);
  }

  return (
    <Card
      title="Invite a teammate"
      description="They get a single-use link that expires in 7 days."
      testId="team-invite"
    >
      {result ? (
        <div
          role="status"
          className="mb-4 space-y-3 rounded-xl border border-indigo-100 bg-indigo-50/60 px-4 py-3"
        >
          <CopyField
            label={`Invitation link for ${result.email}`}
            value={result.link}
            testId="invite-link"
          />
          <p className="text-sm text-slate-700" data-testid="invite-emailed">
            {result.emailed
              ? `Emailed to ${result.email}.`
              : 'Not emailed (no mail server is set up): copy the link and send it yourself. It is shown only now.'}
          </p>
          <button type="button" onClick={() => setResult(null)} className={secondaryButton}>
            Done
          </button>
        </div>
      ) : null}
      <form onSubmit={handleSubmit} noValidate className="flex flex-wrap items-start gap-3">
        <div className="min-w-56 flex-1">
          <label htmlFor="invite-email" className="block text-sm font-medium text-slate-700">
            Email
          </label>
          <input
            id="invite-email"
            data-testid="invite-email"
            type="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            placeholder="teammate@company.com"
            aria-invalid={emailError ? true : undefined}
            aria-describedby={emailError ? 'invite-email-error' : undefined}
            className={`${inputClass} mt-1.5`}
          />
          <FieldError id="invite-email-error" message={emailError} />
        </div>
        <div className="w-48">
          <label htmlFor="invite-role" className="block text-sm font-medium text-slate-700">
            Role
          </label>
          <div className="mt-1.5">
            <RoleSelect
              id="invite-role"
              label="Role"
              testId="invite-role"
              value={choice}
              assignable={assignable}
              customRoles={customRoles}
              onChange={(v) => {
                const next = decodeRoleChoice(v);
                if (next) setChoice(next);
              }}
            />
          </div>
        </div>
        <div className="pt-7">
          <button
            type="submit"
            data-testid="invite-submit"
            disabled={fetching}
            className={primaryButton}
          >
            {fetching ? 'Inviting…' : 'Send invitation'}
          </button>
        </div>
        <div className="basis-full">
          <ErrorNotice error={serverError} />
        </div>
      </form>
    </Card>
  );
}

function InvitationList({
  invitations,
  onChanged,
}: {
  invitations: readonly InvitationFieldsFragment[];
  onChanged: () => void;
}) {
  const [{ fetching }, revoke] = useRevokeInvitationMutation();
  const [error, setError] = useState<CombinedError | null>(null);
  async function handleRevoke(id: string) {
    setError(null);
    const result = await revoke({ id });
    if (result.error) setError(result.error);
    onChanged();
  }
  return (
    <>
      <ErrorNotice error={error} />
      {invitations.length === 0 ? (
        <p className="text-sm text-slate-500">No pending invitations.</p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {invitations.map((invitation) => (
            <li
              key={invitation.id}
              data-testid="team-invitation"
              className="flex flex-wrap items-center justify-between gap-3 py-2.5"
            >
              <div className="min-w-0">
                <p className="truncate text-sm font-medium text-slate-900">{invitation.email}</p>
                <p className="text-xs text-slate-500">
                  {memberRoleLabel(invitation.role, invitation.customRole?.name)}
                  {invitation.invitedBy ? ` · invited by ${invitation.invitedBy.name}` : ''} ·
                  expires {formatDateTime(invitation.expiresAt)}
                </p>
              </div>
              <ConfirmButton
                label="Revoke"
                confirmLabel="Revoke invitation"
                disabled={fetching}
                testId="team-invitation-revoke"
                onConfirm={() => void handleRevoke(invitation.id)}
              />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
