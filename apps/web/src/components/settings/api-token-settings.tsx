'use client';

import { useState, type FormEvent } from 'react';
import type { CombinedError } from 'urql';
import {
  useApiTokensQuery,
  useCreateApiTokenMutation,
  useRevokeApiTokenMutation,
  type ApiTokenScope,
} from '@/generated/graphql';
import { formatDateTime } from '@/lib/settings/format';
import { ALL_SCOPES, formatScopes, scopeInfo } from '@/lib/settings/labels';
import { SECTIONS } from '@/lib/settings/permissions';
import { hasErrors, validateApiTokenForm, type FieldErrors } from '@/lib/settings/validation';
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
  SecretReveal,
  SectionHeader,
  toggleIn,
} from './ui';

const info = SECTIONS.find((s) => s.id === 'api-tokens');

export function ApiTokenSettings() {
  const [{ data, error, fetching }, refetch] = useApiTokensQuery({ requestPolicy: 'network-only' });
  const [, revoke] = useRevokeApiTokenMutation();
  const [revokeError, setRevokeError] = useState<CombinedError | null>(null);
  const [revoking, setRevoking] = useState<string | null>(null);
  const reload = () => refetch({ requestPolicy: 'network-only' });

  async function handleRevoke(id: string) {
    setRevokeError(null);
    setRevoking(id);
    const result = await revoke({ id });
    setRevoking(null);
    if (result.error) setRevokeError(result.error);
    reload();
  }

  const tokens = data?.apiTokens ?? [];
  return (
    <div>
      <SectionHeader title="API tokens" description={info?.description ?? ''} />
      <CreateTokenCard onCreated={reload} />
      <Card title="Tokens" description="Send as Authorization: Bearer pat_… from your integration.">
        <ErrorNotice error={error && !data ? error : revokeError} />
        {fetching && !data ? <p className="text-sm text-slate-500">Loading…</p> : null}
        {!data ? null : tokens.length === 0 ? (
          <Notice>No API tokens yet.</Notice>
        ) : (
          <div className="-mx-5 overflow-x-auto">
            <table className="w-full min-w-[40rem] text-left text-sm" data-testid="api-token-table">
              <thead className="text-xs text-slate-500 uppercase">
                <tr className="border-b border-slate-100">
                  <th className="px-5 py-2 font-medium">Name</th>
                  <th className="px-2 py-2 font-medium">Prefix</th>
                  <th className="px-2 py-2 font-medium">Scopes</th>
                  <th className="px-2 py-2 font-medium">Last used</th>
                  <th className="px-2 py-2 font-medium">Status</th>
                  <th className="px-5 py-2">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {tokens.map((token) => (
                  <tr
                    key={token.id}
                    data-testid="api-token-row"
                    className="border-b border-slate-100 last:border-0"
                  >
                    <td className="px-5 py-2.5 font-medium text-slate-900">{token.name}</td>
                    <td className="px-2 py-2.5 font-mono text-xs text-slate-600">
                      {token.prefix}…
                    </td>
                    <td className="px-2 py-2.5 text-slate-700">{formatScopes(token.scopes)}</td>
                    <td className="px-2 py-2.5 text-slate-600">
                      {formatDateTime(token.lastUsedAt, 'Never')}
                    </td>
                    <td className="px-2 py-2.5">
                      {token.revokedAt ? (
                        <Badge className="bg-slate-100 text-slate-600 ring-slate-200">
                          Revoked {formatDateTime(token.revokedAt)}
                        </Badge>
                      ) : (
                        <Badge className="bg-emerald-50 text-emerald-800 ring-emerald-200">
                          Active
                        </Badge>
                      )}
                    </td>
                    <td className="px-5 py-2.5 text-right">
                      {token.revokedAt ? null : (
                        <ConfirmButton
                          label="Revoke"
                          confirmLabel="Revoke now"
                          disabled={revoking === token.id}
                          testId="api-token-revoke"
                          onConfirm={() => void handleRevoke(token.id)}
                        />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </div>
  );
}

function CreateTokenCard({ onCreated }: { onCreated: () => void }) {
  const [{ fetching }, create] = useCreateApiTokenMutation();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ApiTokenScope[]>(['READ']);
  const [errors, setErrors] = useState<FieldErrors<'name' | 'scopes'>>({});
  const [serverError, setServerError] = useState<CombinedError | null>(null);
  const [secret, setSecret] = useState<string | null>(null);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setServerError(null);
    const found = validateApiTokenForm({ name, scopes });
    setErrors(found);
    if (hasErrors(found)) return;
    const result = await create({ input: { name: name.trim(), scopes } });
    if (result.data) {
      setSecret(result.data.createApiToken.token);
      setName('');
      onCreated();
    } else setServerError(result.error ?? null);
  }

  return (
    <Card title="Create a token" testId="api-token-create">
      {secret ? (
        <SecretReveal
          title="Your new API token"
          value={secret}
          storage="Only a hash of it is stored."
          testId="api-token-secret"
          onDone={() => setSecret(null)}
        />
      ) : null}
      <form onSubmit={handleSubmit} noValidate className="space-y-4">
        <div className="max-w-md">
          <label htmlFor="token-name" className="block text-sm font-medium text-slate-700">
            Name
          </label>
          <input
            id="token-name"
            data-testid="api-token-name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="e.g. CRM sync"
            aria-invalid={errors.name ? true : undefined}
            aria-describedby={errors.name ? 'token-name-error' : undefined}
            className={`${inputClass} mt-1.5`}
          />
          <FieldError id="token-name-error" message={errors.name} />
        </div>
        <fieldset>
          <legend className="text-sm font-medium text-slate-700">Scopes</legend>
          <div className="mt-1 grid gap-1 sm:grid-cols-3">
            {ALL_SCOPES.map((scope) => (
              <Checkbox
                key={scope}
                testId={`api-token-scope-${scope}`}
                checked={scopes.includes(scope)}
                onChange={(on) => setScopes((s) => toggleIn(s, scope, on, ALL_SCOPES))}
                label={scopeInfo[scope].label}
                description={scopeInfo[scope].description}
              />
            ))}
          </div>
          <FieldError id="token-scopes-error" message={errors.scopes} />
        </fieldset>
        <ErrorNotice error={serverError} />
        <button
          type="submit"
          data-testid="api-token-submit"
          disabled={fetching}
          className={primaryButton}
        >
          {fetching ? 'Creating…' : 'Create token'}
        </button>
      </form>
    </Card>
  );
}
