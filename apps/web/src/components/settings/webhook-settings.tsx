'use client';

import { useState, type FormEvent } from 'react';
import type { CombinedError } from 'urql';
import {
  useCreateWebhookMutation,
  useDeleteWebhookMutation,
  useReplayWebhookDeliveryMutation,
  useWebhooksQuery,
  type WebhookFieldsFragment,
  type WorkspaceEventType,
} from '@/generated/graphql';
import { formatDateTime } from '@/lib/settings/format';
import { ALL_EVENT_TYPES, deliveryStatusStyle, eventTypeLabel } from '@/lib/settings/labels';
import { SECTIONS } from '@/lib/settings/permissions';
import { hasErrors, validateWebhookForm, type FieldErrors } from '@/lib/settings/validation';
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
  SecretReveal,
  SectionHeader,
  toggleIn,
} from './ui';

const info = SECTIONS.find((s) => s.id === 'webhooks');
const DEFAULT_EVENTS: WorkspaceEventType[] = ['CONVERSATION_CREATED', 'MESSAGE_CREATED'];

export function WebhookSettings() {
  const [{ data, error, fetching }, refetch] = useWebhooksQuery({ requestPolicy: 'network-only' });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const webhooks = data?.webhooks ?? [];
  return (
    <div>
      <SectionHeader title="Webhooks" description={info?.description ?? ''} />
      <CreateWebhookCard onCreated={reload} />
      <div className="mb-3 flex items-center justify-between">
        <h2 className="text-sm font-semibold text-slate-900">Endpoints</h2>
        <button type="button" onClick={reload} className={secondaryButton}>
          Refresh
        </button>
      </div>
      {error && !data ? <ErrorNotice error={error} /> : null}
      {fetching && !data ? <Notice>Loading…</Notice> : null}
      {data && webhooks.length === 0 ? <Notice>No webhooks yet.</Notice> : null}
      {webhooks.map((webhook) => (
        <WebhookCard key={webhook.id} webhook={webhook} onChanged={reload} />
      ))}
    </div>
  );
}

function WebhookCard({
  webhook,
  onChanged,
}: {
  webhook: WebhookFieldsFragment;
  onChanged: () => void;
}) {
  const [{ fetching: deleting }, remove] = useDeleteWebhookMutation();
  const [, replay] = useReplayWebhookDeliveryMutation();
  const [actionError, setActionError] = useState<CombinedError | null>(null);
  const [replaying, setReplaying] = useState<string | null>(null);

  async function handleDelete() {
    setActionError(null);
    const result = await remove({ id: webhook.id });
    if (result.error) setActionError(result.error);
    onChanged();
  }

  async function handleReplay(id: string) {
    setActionError(null);
    setReplaying(id);
    const result = await replay({ id });
    setReplaying(null);
    if (result.error) setActionError(result.error);
    onChanged();
  }

  return (
    <Card testId="webhook-card">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="font-mono text-sm break-all text-slate-900" data-testid="webhook-url">
            {webhook.url}
          </p>
          <p className="mt-1 text-xs text-slate-500">
            {webhook.active ? 'Active' : 'Inactive'} · created {formatDateTime(webhook.createdAt)}
          </p>
          <div className="mt-2 flex flex-wrap gap-1">
            {webhook.eventTypes.map((type) => (
              <Badge key={type}>{eventTypeLabel[type]}</Badge>
            ))}
          </div>
        </div>
        <ConfirmButton
          label="Delete"
          confirmLabel="Delete webhook"
          disabled={deleting}
          testId="webhook-delete"
          onConfirm={() => void handleDelete()}
        />
      </div>
      <div className="mt-3">
        <ErrorNotice error={actionError} />
      </div>
      <h3 className="mt-4 text-xs font-semibold tracking-wide text-slate-500 uppercase">
        Recent deliveries
      </h3>
      {webhook.deliveries.length === 0 ? (
        <p className="mt-2 text-sm text-slate-500">No deliveries yet.</p>
      ) : (
        <div className="-mx-5 mt-2 overflow-x-auto">
          <table className="w-full min-w-[40rem] text-left text-sm">
            <thead className="text-xs text-slate-500">
              <tr className="border-b border-slate-100">
                <th className="px-5 py-1.5 font-medium">Event</th>
                <th className="px-2 py-1.5 font-medium">Status</th>
                <th className="px-2 py-1.5 font-medium">Attempts</th>
                <th className="px-2 py-1.5 font-medium">Last response</th>
                <th className="px-2 py-1.5 font-medium">Last attempt</th>
                <th className="px-5 py-1.5">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {webhook.deliveries.map((d) => {
                const status = deliveryStatusStyle[d.status];
                return (
                  <tr
                    key={d.id}
                    data-testid="webhook-delivery"
                    className="border-b border-slate-100 last:border-0"
                  >
                    <td className="px-5 py-2 text-slate-800">{eventTypeLabel[d.eventType]}</td>
                    <td className="px-2 py-2">
                      <Badge className={status.className}>{status.label}</Badge>
                    </td>
                    <td className="px-2 py-2 text-slate-700">{d.attempts}</td>
                    <td className="max-w-56 px-2 py-2 text-slate-700">
                      {d.lastStatusCode != null ? (
                        <span className="font-mono">{d.lastStatusCode}</span>
                      ) : null}
                      {d.lastError ? (
                        <span className="block truncate text-xs text-rose-700" title={d.lastError}>
                          {d.lastError}
                        </span>
                      ) : null}
                      {d.lastStatusCode == null && !d.lastError ? '—' : null}
                    </td>
                    <td className="px-2 py-2 text-slate-600">{formatDateTime(d.lastAttemptAt)}</td>
                    <td className="px-5 py-2 text-right">
                      <button
                        type="button"
                        data-testid="webhook-replay"
                        disabled={replaying === d.id}
                        onClick={() => void handleReplay(d.id)}
                        className={secondaryButton}
                      >
                        {replaying === d.id ? 'Replaying…' : 'Replay'}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}

function CreateWebhookCard({ onCreated }: { onCreated: () => void }) {
  const [{ fetching }, create] = useCreateWebhookMutation();
  const [url, setUrl] = useState('');
  const [eventTypes, setEventTypes] = useState<WorkspaceEventType[]>(DEFAULT_EVENTS);
  const [errors, setErrors] = useState<FieldErrors<'url' | 'eventTypes'>>({});
  const [serverError, setServerError] = useState<CombinedError | null>(null);
  const [secret, setSecret] = useState<string | null>(null);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setServerError(null);
    const found = validateWebhookForm({ url, eventTypes });
    setErrors(found);
    if (hasErrors(found)) return;
    const result = await create({ input: { url: url.trim(), eventTypes } });
    if (result.data) {
      setSecret(result.data.createWebhook.secret);
      setUrl('');
      onCreated();
    } else setServerError(result.error ?? null);
  }

  return (
    <Card title="Add a webhook" testId="webhook-create">
      {secret ? (
        <SecretReveal
          title="Signing secret for your new webhook"
          value={secret}
          storage="Parley keeps it only to sign each delivery."
          testId="webhook-secret"
          onDone={() => setSecret(null)}
        />
      ) : null}
      <form onSubmit={handleSubmit} noValidate className="space-y-4">
        <div className="max-w-xl">
          <label htmlFor="webhook-url" className="block text-sm font-medium text-slate-700">
            Endpoint URL
          </label>
          <input
            id="webhook-url"
            data-testid="webhook-url-input"
            type="url"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            placeholder="https://example.com/parley-events"
            aria-invalid={errors.url ? true : undefined}
            aria-describedby={errors.url ? 'webhook-url-error' : undefined}
            className={`${inputClass} mt-1.5`}
          />
          <FieldError id="webhook-url-error" message={errors.url} />
        </div>
        <fieldset>
          <legend className="text-sm font-medium text-slate-700">Events</legend>
          <div className="mt-1 grid gap-x-2 sm:grid-cols-2 lg:grid-cols-3">
            {ALL_EVENT_TYPES.map((type) => (
              <Checkbox
                key={type}
                testId={`webhook-event-${type}`}
                checked={eventTypes.includes(type)}
                onChange={(on) => setEventTypes((s) => toggleIn(s, type, on, ALL_EVENT_TYPES))}
                label={eventTypeLabel[type]}
              />
            ))}
          </div>
          <FieldError id="webhook-events-error" message={errors.eventTypes} />
        </fieldset>
        <ErrorNotice error={serverError} />
        <button
          type="submit"
          data-testid="webhook-submit"
          disabled={fetching}
          className={primaryButton}
        >
          {fetching ? 'Adding…' : 'Add webhook'}
        </button>
      </form>
    </Card>
  );
}
