'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import type { CombinedError } from 'urql';
import { useResetPasswordMutation } from '@/generated/graphql';
import { fieldErrorFrom } from '@/lib/account-form';
import { hasErrorCode } from '@/lib/graphql-error-code';
import { validatePassword, type FieldErrors } from '@/lib/settings/validation';
import { ErrorNotice, FieldError, inputClass, primaryButton } from '../settings/ui';
import { authCard, authLink } from './auth-layout';

function Unusable() {
  return (
    <div className={authCard} data-testid="reset-unusable">
      <p role="alert" className="text-sm text-slate-700">
        This reset link cannot be used: it was already used, has expired (links last one hour), or
        is incomplete. Ask for a new one.
      </p>
      <Link href="/forgot-password" className={`text-sm ${authLink}`}>
        Send a new link
      </Link>
    </div>
  );
}

type Field = 'newPassword' | 'confirm';

/** `/reset-password?token=…`: sets a new password, then opens the inbox. */
export function ResetPasswordForm({ token }: { token: string }) {
  const router = useRouter();
  const [{ fetching }, reset] = useResetPasswordMutation();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [serverError, setServerError] = useState<CombinedError | null>(null);
  const [done, setDone] = useState(false);

  if (!token) return <Unusable />;

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setServerError(null);
    const found: FieldErrors<Field> = {};
    const problem = validatePassword(password);
    if (problem) found.newPassword = problem;
    else if (confirm !== password) found.confirm = 'The passwords do not match.';
    setErrors(found);
    if (found.newPassword || found.confirm) return;
    const result = await reset({ input: { token, newPassword: password } });
    if (result.error || !result.data) {
      const onField = fieldErrorFrom(result.error, ['newPassword', 'confirm'] as const);
      if (onField) setErrors({ [onField.field]: onField.message });
      else setServerError(result.error ?? null);
      return;
    }
    // Every other session ended; this response signed us in with a new one.
    setDone(true);
    router.replace('/');
  }

  // A malformed token (a link cut short) is as unusable as a spent one.
  const tokenRejected =
    hasErrorCode(serverError ?? undefined, 'NOT_FOUND') ||
    serverError?.graphQLErrors[0]?.extensions.field === 'token';
  if (tokenRejected) return <Unusable />;

  return (
    <form onSubmit={handleSubmit} noValidate className={authCard} data-testid="reset-form">
      <div className="space-y-1.5">
        <label htmlFor="reset-password" className="block text-sm font-medium text-slate-700">
          New password
        </label>
        <input
          id="reset-password"
          data-testid="reset-password"
          type="password"
          autoComplete="new-password"
          autoFocus
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-invalid={errors.newPassword ? true : undefined}
          aria-describedby="reset-password-hint"
          className={inputClass}
        />
        <p id="reset-password-hint" className="text-xs text-slate-500">
          At least 10 characters, not a common password. You will be signed out everywhere else.
        </p>
        <FieldError id="reset-password-error" message={errors.newPassword} />
      </div>
      <div className="space-y-1.5">
        <label htmlFor="reset-confirm" className="block text-sm font-medium text-slate-700">
          Repeat new password
        </label>
        <input
          id="reset-confirm"
          data-testid="reset-confirm"
          type="password"
          autoComplete="new-password"
          value={confirm}
          onChange={(e) => setConfirm(e.target.value)}
          aria-invalid={errors.confirm ? true : undefined}
          className={inputClass}
        />
        <FieldError id="reset-confirm-error" message={errors.confirm} />
      </div>
      <ErrorNotice error={serverError} />
      <button
        type="submit"
        data-testid="reset-submit"
        disabled={fetching || done}
        className={`${primaryButton} w-full py-2.5`}
      >
        {fetching || done ? 'Saving…' : 'Set new password'}
      </button>
    </form>
  );
}
