'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import type { CombinedError } from 'urql';
import { useAcceptInvitationMutation, useInvitationPreviewQuery } from '@/generated/graphql';
import { hasErrorCode } from '@/lib/graphql-error-code';
import { formatDateTime } from '@/lib/settings/format';
import { hasErrors, validateAcceptForm, type FieldErrors } from '@/lib/settings/validation';
import { useIsBrowser } from '@/lib/use-is-browser';
import { ErrorNotice, FieldError, inputClass, primaryButton } from './ui';
import { fieldErrorFrom } from '@/lib/account-form';

const box = 'space-y-5 rounded-2xl border border-slate-200 bg-white p-6 shadow-sm';

function Unusable() {
  return (
    <div className={box} data-testid="invite-unusable">
      <p role="alert" className="text-sm text-slate-700">
        This invitation link cannot be used: it was already used, has expired, or was revoked. Ask
        whoever invited you for a new link.
      </p>
      <Link href="/login" className="text-sm font-medium text-indigo-700 hover:underline">
        Already have an account? Sign in
      </Link>
    </div>
  );
}

/** `/invite?token=…`: shows what the invitation is for and creates the account. */
export function InviteAccept({ token }: { token: string }) {
  const isBrowser = useIsBrowser();
  if (!token) return <Unusable />;
  if (!isBrowser) return <div className={`${box} text-sm text-slate-500`}>Loading…</div>;
  return <InvitePreview token={token} />;
}

function InvitePreview({ token }: { token: string }) {
  const [{ data, error, fetching }] = useInvitationPreviewQuery({
    variables: { token },
    requestPolicy: 'network-only',
  });
  if (fetching && !data) {
    return <div className={`${box} text-sm text-slate-500`}>Checking the invitation…</div>;
  }
  if (hasErrorCode(error, 'NOT_FOUND') || hasErrorCode(error, 'BAD_USER_INPUT')) {
    return <Unusable />;
  }
  if (!data) {
    return (
      <div className={box}>
        <ErrorNotice error={error} />
      </div>
    );
  }
  return <AcceptForm token={token} preview={data.invitation} />;
}

function AcceptForm({
  token,
  preview,
}: {
  token: string;
  preview: {
    email: string;
    workspaceName: string;
    invitedByName?: string | null;
    expiresAt: string;
  };
}) {
  const router = useRouter();
  const [{ fetching }, accept] = useAcceptInvitationMutation();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<FieldErrors<'name' | 'password' | 'confirm'>>({});
  const [serverError, setServerError] = useState<CombinedError | null>(null);
  const [done, setDone] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setServerError(null);
    const found = validateAcceptForm({ name, password, confirm });
    setErrors(found);
    if (hasErrors(found)) return;
    const result = await accept({ input: { token, name: name.trim(), password } });
    if (result.error || !result.data) {
      // The password policy is the server's: its refusal goes under the field.
      const onField = fieldErrorFrom(result.error, ['name', 'password'] as const);
      if (onField) setErrors({ [onField.field]: onField.message });
      else setServerError(result.error ?? null);
      return;
    }
    // The response set the session cookie, as signIn does.
    setDone(true);
    router.replace('/');
  }

  if (hasErrorCode(serverError ?? undefined, 'NOT_FOUND')) return <Unusable />;

  return (
    <form onSubmit={handleSubmit} noValidate className={box} data-testid="invite-form">
      <div className="rounded-lg bg-indigo-50 px-3 py-2.5 text-sm text-indigo-900">
        <p>
          {preview.invitedByName ? `${preview.invitedByName} invited` : 'You are invited'}{' '}
          <strong data-testid="invite-preview-email">{preview.email}</strong> to{' '}
          <strong data-testid="invite-preview-workspace">{preview.workspaceName}</strong>.
        </p>
        <p className="mt-0.5 text-xs text-indigo-700">
          Link expires {formatDateTime(preview.expiresAt)}.
        </p>
      </div>
      <div className="space-y-1.5">
        <label htmlFor="invite-name" className="block text-sm font-medium text-slate-700">
          Your name
        </label>
        <input
          id="invite-name"
          data-testid="invite-name"
          autoComplete="name"
          autoFocus
          value={name}
          onChange={(e) => setName(e.target.value)}
          aria-invalid={errors.name ? true : undefined}
          className={inputClass}
        />
        <FieldError id="invite-name-error" message={errors.name} />
      </div>
      <div className="space-y-1.5">
        <label htmlFor="invite-password" className="block text-sm font-medium text-slate-700">
          Password
        </label>
        <input
          id="invite-password"
          data-testid="invite-password"
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-invalid={errors.password ? true : undefined}
          aria-describedby="invite-password-hint"
          className={inputClass}
        />
        <p id="invite-password-hint" className="text-xs text-slate-500">
          At least 10 characters, not a common password.
        </p>
        <FieldError id="invite-password-error" message={errors.password} />
      </div>
      <div className="space-y-1.5">
        <label htmlFor="invite-confirm" className="block text-sm font-medium text-slate-700">
          Repeat password
        </label>
        <input
          id="invite-confirm"
          data-testid="invite-confirm"
          type="password"
          autoComplete="new-password"
          value={confirm}
          onChange={(e) => setConfirm(e.target.value)}
          aria-invalid={errors.confirm ? true : undefined}
          className={inputClass}
        />
        <FieldError id="invite-confirm-error" message={errors.confirm} />
      </div>
      <ErrorNotice error={serverError} />
      <button
        type="submit"
        data-testid="invite-accept"
        disabled={fetching || done}
        className={`${primaryButton} w-full py-2.5`}
      >
        {fetching || done ? 'Joining…' : 'Join workspace'}
      </button>
    </form>
  );
}
