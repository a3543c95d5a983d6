'use client';

import { useState, type FormEvent } from 'react';
import type { CombinedError } from 'urql';
import {
  useChangePasswordMutation,
  useRevokeOtherSessionsMutation,
  useRevokeSessionMutation,
  useSessionsQuery,
} from '@/generated/graphql';
import { fieldErrorFrom } from '@/lib/account-form';
import { formatRelativeTime } from '@/lib/relative-time';
import { formatDateTime } from '@/lib/settings/format';
import { validatePassword, type FieldErrors } from '@/lib/settings/validation';
import { useNow } from '@/lib/use-now';
import { userAgentLabel } from '@/lib/user-agent-label';
import {
  Badge,
  Card,
  dangerButton,
  ErrorNotice,
  FieldError,
  inputClass,
  primaryButton,
  SectionHeader,
  secondaryButton,
} from './ui';

/** `/settings/security`: the signed-in agent's password and sessions. */
export function SecuritySettings() {
  const [sessionsVersion, setSessionsVersion] = useState(0);
  return (
    <>
      <SectionHeader
        title="Security"
        description="Your password and the browsers and apps signed in to your account."
      />
      <PasswordCard onOthersEnded={() => setSessionsVersion((v) => v + 1)} />
      <SessionsCard key={sessionsVersion} />
    </>
  );
}

type PasswordField = 'currentPassword' | 'newPassword' | 'confirm';
const PASSWORD_FIELDS: readonly PasswordField[] = ['currentPassword', 'newPassword', 'confirm'];

function PasswordCard({ onOthersEnded }: { onOthersEnded: () => void }) {
  const [{ fetching }, change] = useChangePasswordMutation();
  const [values, setValues] = useState<Record<PasswordField, string>>({
    currentPassword: '',
    newPassword: '',
    confirm: '',
  });
  const [errors, setErrors] = useState<FieldErrors<PasswordField>>({});
  const [serverError, setServerError] = useState<CombinedError | null>(null);
  const [changed, setChanged] = useState<number | null>(null);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setServerError(null);
    setChanged(null);
    const found: FieldErrors<PasswordField> = {};
    if (values.currentPassword === '') found.currentPassword = 'Enter your current password.';
    const problem = validatePassword(values.newPassword);
    if (problem) found.newPassword = problem;
    else if (values.confirm !== values.newPassword) found.confirm = 'The passwords do not match.';
    setErrors(found);
    const first = PASSWORD_FIELDS.find((f) => found[f]);
    if (first) {
      document.getElementById(`security-${first}`)?.focus();
      return;
    }
    const result = await change({
      input: { currentPassword: values.currentPassword, newPassword: values.newPassword },
    });
    if (result.error || result.data == null) {
      const onField = fieldErrorFrom(result.error, PASSWORD_FIELDS);
      if (onField) {
        setErrors({ [onField.field]: onField.message });
        document.getElementById(`security-${onField.field}`)?.focus();
      } else {
        setServerError(result.error ?? null);
      }
      return;
    }
    setValues({ currentPassword: '', newPassword: '', confirm: '' });
    setChanged(result.data.changePassword);
    onOthersEnded();
  }

  const input = (id: PasswordField, label: string, autoComplete: string, hint?: string) => (
    <div className="space-y-1.5">
      <label htmlFor={`security-${id}`} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <input
        id={`security-${id}`}
        data-testid={`security-${id}`}
        type="password"
        autoComplete={autoComplete}
        value={values[id]}
        onChange={(e) => setValues((v) => ({ ...v, [id]: e.target.value }))}
        aria-invalid={errors[id] ? true : undefined}
        aria-describedby={hint ? `security-${id}-hint` : undefined}
        className={inputClass}
      />
      {hint ? (
        <p id={`security-${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      <FieldError id={`security-${id}-error`} message={errors[id]} />
    </div>
  );

  return (
    <Card
      title="Password"
      description="Changing it signs you out everywhere else; this browser stays signed in."
      testId="security-password"
    >
      <form onSubmit={handleSubmit} noValidate className="max-w-sm space-y-4">
        {input('currentPassword', 'Current password', 'current-password')}
        {input(
          'newPassword',
          'New password',
          'new-password',
          'At least 10 characters, not a common password.',
        )}
        {input('confirm', 'Repeat new password', 'new-password')}
        <ErrorNotice error={serverError} />
        {changed !== null ? (
          <p
            role="status"
            data-testid="security-password-changed"
            className="rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-800"
          >
            Password changed.{' '}
            {changed === 0
              ? 'No other session was signed in.'
              : `${changed} other ${changed === 1 ? 'session was' : 'sessions were'} signed out.`}
          </p>
        ) : null}
        <button
          type="submit"
          data-testid="security-password-submit"
          disabled={fetching}
          className={primaryButton}
        >
          {fetching ? 'Changing…' : 'Change password'}
        </button>
      </form>
    </Card>
  );
}

function SessionsCard() {
  const now = useNow(60_000);
  const [{ data, error, fetching }, refetch] = useSessionsQuery({ requestPolicy: 'network-only' });
  const [revokeState, revoke] = useRevokeSessionMutation();
  const [othersState, revokeOthers] = useRevokeOtherSessionsMutation();
  const [actionError, setActionError] = useState<CombinedError | null>(null);
  const [pendingId, setPendingId] = useState<string | null>(null);
  const reload = () => refetch({ requestPolicy: 'network-only' });

  async function endOne(id: string) {
    setActionError(null);
    setPendingId(id);
    const result = await revoke({ id });
    setPendingId(null);
    if (result.error) setActionError(result.error);
    reload();
  }

  async function endOthers() {
    setActionError(null);
    const result = await revokeOthers({});
    if (result.error) setActionError(result.error);
    reload();
  }

  const sessions = data?.sessions ?? [];
  const others = sessions.filter((s) => !s.current).length;

  return (
    <Card
      title="Sessions"
      description="Where your account is signed in to this workspace. End any you do not recognise."
      testId="security-sessions"
      actions={
        <button
          type="button"
          data-testid="security-sign-out-others"
          onClick={endOthers}
          disabled={othersState.fetching || others === 0}
          className={dangerButton}
        >
          {othersState.fetching ? 'Signing out…' : 'Sign out everywhere else'}
        </button>
      }
    >
      <ErrorNotice error={actionError ?? (data ? null : error)} />
      {fetching && !data ? (
        <p className="text-sm text-slate-500">Loading sessions…</p>
      ) : (
        <ul className="divide-y divide-slate-100" data-testid="security-session-list">
          {sessions.map((session) => (
            <li
              key={session.id}
              data-testid="security-session"
              className="flex flex-wrap items-center justify-between gap-3 py-3"
            >
              <div className="min-w-0">
                <p
                  className="flex flex-wrap items-center gap-2 text-sm font-medium text-slate-900"
                  title={session.userAgent ?? undefined}
                >
                  {userAgentLabel(session.userAgent)}
                  {session.current ? (
                    <Badge className="bg-emerald-50 text-emerald-700 ring-emerald-200">
                      This browser
                    </Badge>
                  ) : null}
                </p>
                <p className="mt-0.5 text-xs text-slate-500">
                  {session.ip ?? 'Unknown address'} · signed in {formatDateTime(session.createdAt)}{' '}
                  · last active{' '}
                  {session.lastUsedAt ? lastActive(session.lastUsedAt, now) : 'unknown'}
                </p>
              </div>
              {session.current ? null : (
                <button
                  type="button"
                  onClick={() => endOne(session.id)}
                  disabled={revokeState.fetching && pendingId === session.id}
                  aria-label={`Sign out ${userAgentLabel(session.userAgent)} (${session.ip ?? 'unknown address'})`}
                  className={secondaryButton}
                >
                  {revokeState.fetching && pendingId === session.id ? 'Signing out…' : 'Sign out'}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function lastActive(iso: string, now: number): string {
  const age = formatRelativeTime(iso, now);
  if (age === 'now') return 'just now';
  return /^\d+[mhd]$/.test(age) ? `${age} ago` : age;
}
