'use client';

import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import type { CombinedError } from 'urql';
import { useRequestPasswordResetMutation, useSetupStatusQuery } from '@/generated/graphql';
import { validateEmail } from '@/lib/settings/validation';
import { useIsBrowser } from '@/lib/use-is-browser';
import { ErrorNotice, FieldError, inputClass, primaryButton } from '../settings/ui';
import { authCard, authLink } from './auth-layout';

/** `/forgot-password`: mails a reset link, or explains why it cannot. */
export function ForgotPasswordForm() {
  const isBrowser = useIsBrowser();
  if (!isBrowser) return <div className={`${authCard} text-sm text-slate-500`}>Loading…</div>;
  return <CheckedForm />;
}

function CheckedForm() {
  const [{ data, error, fetching }] = useSetupStatusQuery({ requestPolicy: 'network-only' });
  if (fetching && !data) {
    return <div className={`${authCard} text-sm text-slate-500`}>Checking this server…</div>;
  }
  if (!data) {
    return (
      <div className={authCard}>
        <ErrorNotice error={error} />
      </div>
    );
  }
  if (!data.setupStatus.passwordResetByEmail) {
    return (
      <div className={authCard} data-testid="reset-no-mail">
        <p role="alert" className="text-sm text-slate-700">
          This server cannot send e-mail, so it cannot mail you a reset link. Ask an owner or admin
          of your workspace for a password link (they make one under Settings → Team), or ask
          whoever runs this Parley server to configure e-mail (<code>SMTP_URL</code>).
        </p>
        <BackToSignIn />
      </div>
    );
  }
  return <RequestForm />;
}

function BackToSignIn() {
  return (
    <Link href="/login" className={`text-sm ${authLink}`}>
      Back to sign in
    </Link>
  );
}

function RequestForm() {
  const [{ fetching }, request] = useRequestPasswordResetMutation();
  const [email, setEmail] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [serverError, setServerError] = useState<CombinedError | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setServerError(null);
    const problem = validateEmail(email);
    setFieldError(problem);
    if (problem) return;
    const result = await request({ email: email.trim() });
    if (result.error || !result.data) {
      setServerError(result.error ?? null);
      return;
    }
    setSentTo(email.trim());
  }

  if (sentTo) {
    return (
      <div className={authCard} data-testid="reset-sent">
        <p role="status" className="text-sm text-slate-700">
          If <strong>{sentTo}</strong> belongs to a Parley account, a link to choose a new password
          is on its way. It works once, for one hour. Check your spam folder if it does not arrive
          within a few minutes.
        </p>
        <BackToSignIn />
      </div>
    );
  }

  return (
    <form onSubmit={handleSubmit} noValidate className={authCard} data-testid="forgot-form">
      <p className="text-sm text-slate-600">
        Enter the e-mail you sign in with; we will send you a link to choose a new password.
      </p>
      <div className="space-y-1.5">
        <label htmlFor="forgot-email" className="block text-sm font-medium text-slate-700">
          Email
        </label>
        <input
          id="forgot-email"
          data-testid="forgot-email"
          type="email"
          autoComplete="username"
          autoFocus
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          aria-invalid={fieldError ? true : undefined}
          aria-describedby={fieldError ? 'forgot-email-error' : undefined}
          className={inputClass}
          placeholder="you@company.com"
        />
        <FieldError id="forgot-email-error" message={fieldError} />
      </div>
      <ErrorNotice error={serverError} />
      <button
        type="submit"
        data-testid="forgot-submit"
        disabled={fetching}
        className={`${primaryButton} w-full py-2.5`}
      >
        {fetching ? 'Sending…' : 'Send reset link'}
      </button>
      <BackToSignIn />
    </form>
  );
}
