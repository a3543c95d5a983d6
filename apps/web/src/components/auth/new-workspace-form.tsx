'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import type { CombinedError } from 'urql';
import {
  useSetUpWorkspaceMutation,
  useSetupStatusQuery,
  useSignUpMutation,
} from '@/generated/graphql';
import { fieldErrorFrom } from '@/lib/account-form';
import { hasErrorCode } from '@/lib/graphql-error-code';
import {
  hasErrors,
  validateEmail,
  validateName,
  validatePassword,
  type FieldErrors,
} from '@/lib/settings/validation';
import { useIsBrowser } from '@/lib/use-is-browser';
import { ErrorNotice, FieldError, inputClass, primaryButton } from '../settings/ui';
import { authCard, authLink } from './auth-layout';

type Field = 'workspaceName' | 'name' | 'email' | 'password' | 'confirm';
const FIELDS: readonly Field[] = ['workspaceName', 'name', 'email', 'password', 'confirm'];

/**
 * `/setup` (the server's first workspace) and `/signup` (another team's, when
 * the server allows it): the same form, a different mutation.
 */
export function NewWorkspaceForm({ mode }: { mode: 'setup' | 'signup' }) {
  const isBrowser = useIsBrowser();
  if (!isBrowser) return <div className={`${authCard} text-sm text-slate-500`}>Loading…</div>;
  return <CheckedForm mode={mode} />;
}

function CheckedForm({ mode }: { mode: 'setup' | 'signup' }) {
  const [{ data, error, fetching }, refetch] = useSetupStatusQuery({
    requestPolicy: 'network-only',
  });
  if (fetching && !data) {
    return <div className={`${authCard} text-sm text-slate-500`}>Checking this server…</div>;
  }
  if (!data) {
    return (
      <div className={authCard}>
        <ErrorNotice error={error} />
        <button
          type="button"
          onClick={() => refetch({ requestPolicy: 'network-only' })}
          className={`${primaryButton} w-full`}
        >
          Try again
        </button>
      </div>
    );
  }
  if (mode === 'setup' && !data.setupStatus.needsSetup) return <AlreadySetUp />;
  if (mode === 'signup' && !data.setupStatus.signUpEnabled) {
    return (
      <div className={authCard} data-testid="signup-disabled">
        <p role="alert" className="text-sm text-slate-700">
          Sign-up is off on this server. To join a team, ask one of its owners or admins to invite
          you.
        </p>
        <Link href="/login" className={`text-sm ${authLink}`}>
          Back to sign in
        </Link>
      </div>
    );
  }
  return <Form mode={mode} />;
}

function AlreadySetUp() {
  return (
    <div className={authCard} data-testid="setup-done">
      <p role="alert" className="text-sm text-slate-700">
        This server already has a workspace. Sign in, or ask its owner to invite you.
      </p>
      <Link href="/login" className={`text-sm ${authLink}`}>
        Go to sign in
      </Link>
    </div>
  );
}

function Form({ mode }: { mode: 'setup' | 'signup' }) {
  const router = useRouter();
  const [setUpState, setUp] = useSetUpWorkspaceMutation();
  const [signUpState, signUp] = useSignUpMutation();
  const fetching = setUpState.fetching || signUpState.fetching;
  const [values, setValues] = useState<Record<Field, string>>({
    workspaceName: '',
    name: '',
    email: '',
    password: '',
    confirm: '',
  });
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [serverError, setServerError] = useState<CombinedError | null>(null);
  const [done, setDone] = useState(false);

  const set = (field: Field) => (event: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [field]: event.target.value }));

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setServerError(null);
    const found: FieldErrors<Field> = {};
    const workspaceName = validateName(values.workspaceName, 'Workspace name');
    if (workspaceName) found.workspaceName = workspaceName;
    const name = validateName(values.name, 'Your name');
    if (name) found.name = name;
    const email = validateEmail(values.email);
    if (email) found.email = email;
    const password = validatePassword(values.password);
    if (password) found.password = password;
    else if (values.confirm !== values.password) found.confirm = 'The passwords do not match.';
    setErrors(found);
    if (hasErrors(found)) {
      const first = FIELDS.find((f) => found[f]);
      if (first) document.getElementById(`new-${first}`)?.focus();
      return;
    }
    const input = {
      workspaceName: values.workspaceName.trim(),
      name: values.name.trim(),
      email: values.email.trim(),
      password: values.password,
    };
    const result = mode === 'setup' ? await setUp({ input }) : await signUp({ input });
    if (result.error || !result.data) {
      const onField = fieldErrorFrom(result.error, FIELDS);
      if (onField) {
        setErrors({ [onField.field]: onField.message });
        document.getElementById(`new-${onField.field}`)?.focus();
      } else {
        setServerError(result.error ?? null);
      }
      return;
    }
    // The response set the session cookie: the new owner goes straight to the inbox.
    setDone(true);
    router.replace('/');
  }

  if (mode === 'setup' && hasErrorCode(serverError ?? undefined, 'FORBIDDEN')) {
    return <AlreadySetUp />;
  }

  const field = (
    id: Field,
    label: string,
    props: {
      type?: string;
      autoComplete: string;
      autoFocus?: boolean;
      hint?: string;
      placeholder?: string;
    },
  ) => (
    <div className="space-y-1.5">
      <label htmlFor={`new-${id}`} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <input
        id={`new-${id}`}
        data-testid={`new-${id}`}
        type={props.type ?? 'text'}
        autoComplete={props.autoComplete}
        autoFocus={props.autoFocus}
        placeholder={props.placeholder}
        value={values[id]}
        onChange={set(id)}
        aria-invalid={errors[id] ? true : undefined}
        aria-describedby={
          [props.hint ? `new-${id}-hint` : null, errors[id] ? `new-${id}-error` : null]
            .filter(Boolean)
            .join(' ') || undefined
        }
        className={inputClass}
      />
      {props.hint ? (
        <p id={`new-${id}-hint`} className="text-xs text-slate-500">
          {props.hint}
        </p>
      ) : null}
      <FieldError id={`new-${id}-error`} message={errors[id]} />
    </div>
  );

  return (
    <form onSubmit={handleSubmit} noValidate className={authCard} data-testid={`${mode}-form`}>
      {field('workspaceName', 'Workspace name', {
        autoComplete: 'organization',
        autoFocus: true,
        placeholder: 'Acme Support',
      })}
      {field('name', 'Your name', { autoComplete: 'name' })}
      {field('email', 'Email', {
        type: 'email',
        autoComplete: 'username',
        placeholder: 'you@company.com',
      })}
      {field('password', 'Password', {
        type: 'password',
        autoComplete: 'new-password',
        hint: 'At least 10 characters, not a common password.',
      })}
      {field('confirm', 'Repeat password', { type: 'password', autoComplete: 'new-password' })}
      <ErrorNotice error={serverError} />
      <button
        type="submit"
        data-testid={`${mode}-submit`}
        disabled={fetching || done}
        className={`${primaryButton} w-full py-2.5`}
      >
        {fetching || done ? 'Creating your workspace…' : 'Create workspace'}
      </button>
      {mode === 'signup' ? (
        <p className="text-center text-sm text-slate-500">
          Already have an account?{' '}
          <Link href="/login" className={authLink}>
            Sign in
          </Link>
        </p>
      ) : (
        <p className="text-center text-xs text-slate-500">
          You become the workspace&apos;s owner and can invite your team from Settings.
        </p>
      )}
    </form>
  );
}
