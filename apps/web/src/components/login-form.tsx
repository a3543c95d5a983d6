'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useState, type FormEvent } from 'react';
import { useSetupStatusQuery, useSignInMutation } from '@/generated/graphql';
import { describeError } from '@/lib/graphql-error-code';
import { useIsBrowser } from '@/lib/use-is-browser';

export function LoginForm() {
  const router = useRouter();
  const isBrowser = useIsBrowser();
  const [{ fetching }, signIn] = useSignInMutation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [succeeded, setSucceeded] = useState(false);
  const busy = fetching || succeeded;

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    const result = await signIn({ input: { email: email.trim(), password } });
    if (result.error || !result.data) {
      setError(result.error ? describeError(result.error) : 'Could not sign in.');
      return;
    }
    // The response set the HttpOnly session cookie; the workbench takes it from here.
    setSucceeded(true);
    router.replace('/');
  }

  return (
    <>
      <form
        onSubmit={handleSubmit}
        className="space-y-5 rounded-2xl border border-slate-200 bg-white p-6 shadow-sm"
      >
        <div className="space-y-1.5">
          <label htmlFor="login-email" className="block text-sm font-medium text-slate-700">
            Email
          </label>
          <input
            id="login-email"
            data-testid="login-email"
            type="email"
            name="email"
            autoComplete="username"
            required
            autoFocus
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            className="block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm shadow-xs placeholder:text-slate-400 focus:border-indigo-500 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500/40"
            placeholder="you@company.com"
          />
        </div>
        <div className="space-y-1.5">
          <label htmlFor="login-password" className="block text-sm font-medium text-slate-700">
            Password
          </label>
          <input
            id="login-password"
            data-testid="login-password"
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            className="block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm shadow-xs focus:border-indigo-500 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500/40"
          />
        </div>
        {error ? (
          <p role="alert" className="rounded-lg bg-rose-50 px-3 py-2 text-sm text-rose-700">
            {error}
          </p>
        ) : null}
        <button
          type="submit"
          data-testid="login-submit"
          disabled={busy || email.trim() === '' || password === ''}
          className="flex w-full items-center justify-center rounded-lg bg-indigo-600 px-4 py-2.5 text-sm font-semibold text-white shadow-sm transition hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:cursor-not-allowed disabled:opacity-60"
        >
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      {isBrowser ? <AccountLinks /> : null}
    </>
  );
}

/**
 * Below the form: the password-reset link, and sign-up when the server allows
 * it. An empty server (no workspace yet) sends the visitor to /setup instead.
 */
function AccountLinks() {
  const router = useRouter();
  const [{ data }] = useSetupStatusQuery({ requestPolicy: 'network-only' });
  const status = data?.setupStatus;
  const needsSetup = status?.needsSetup ?? false;
  useEffect(() => {
    if (needsSetup) router.replace('/setup');
  }, [needsSetup, router]);
  return (
    <div className="mt-4 flex flex-col items-center gap-2 text-sm text-slate-500">
      <Link
        href="/forgot-password"
        data-testid="forgot-password-link"
        className="font-medium text-indigo-700 hover:underline"
      >
        Forgot your password?
      </Link>
      {status?.signUpEnabled ? (
        <p>
          New to Parley?{' '}
          <Link
            href="/signup"
            data-testid="signup-link"
            className="font-medium text-indigo-700 hover:underline"
          >
            Create a workspace
          </Link>
        </p>
      ) : null}
    </div>
  );
}
