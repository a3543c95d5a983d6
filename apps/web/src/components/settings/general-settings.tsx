'use client';

import { useState, type FormEvent } from 'react';
import type { CombinedError } from 'urql';
import {
  useRenameWorkspaceMutation,
  useUpdateWorkspaceSettingsMutation,
  useWorkspaceSettingsQuery,
} from '@/generated/graphql';
import { SECTIONS } from '@/lib/settings/permissions';
import { validateReceptionLimit } from '@/lib/settings/validation';
import {
  Card,
  ErrorNotice,
  FieldError,
  inputClass,
  Notice,
  primaryButton,
  SectionHeader,
  Toggle,
} from './ui';
import { WidgetOriginsSettings } from './widget-origins-settings';

const info = SECTIONS.find((s) => s.id === 'general');

export function GeneralSettings() {
  const [{ data, error, fetching }] = useWorkspaceSettingsQuery({ requestPolicy: 'network-only' });
  const workspace = data?.viewer.workspace;
  return (
    <div>
      <SectionHeader title="General" description={info?.description ?? ''} />
      {error && !data ? <ErrorNotice error={error} /> : null}
      {fetching && !data ? <Notice>Loading…</Notice> : null}
      {workspace ? (
        <GeneralForm
          key={workspace.id}
          name={workspace.name}
          prioritizeBotReception={workspace.settings.prioritizeBotReception}
          defaultReceptionLimit={workspace.settings.defaultReceptionLimit}
        />
      ) : null}
    </div>
  );
}

function GeneralForm(props: {
  name: string;
  prioritizeBotReception: boolean;
  defaultReceptionLimit: number;
}) {
  const [{ fetching }, update] = useUpdateWorkspaceSettingsMutation();
  const [botFirst, setBotFirst] = useState(props.prioritizeBotReception);
  const [botError, setBotError] = useState<CombinedError | null>(null);
  const [botSaved, setBotSaved] = useState(false);
  const [savedLimit, setSavedLimit] = useState(props.defaultReceptionLimit);
  const [limit, setLimit] = useState(String(props.defaultReceptionLimit));
  const [limitError, setLimitError] = useState<string | null>(null);
  const [limitServerError, setLimitServerError] = useState<CombinedError | null>(null);
  const [limitSaved, setLimitSaved] = useState(false);

  async function handleToggle(next: boolean) {
    setBotError(null);
    setBotSaved(false);
    setBotFirst(next);
    const result = await update({ input: { prioritizeBotReception: next } });
    if (result.data) {
      setBotFirst(result.data.updateWorkspaceSettings.prioritizeBotReception);
      setBotSaved(true);
    } else {
      setBotFirst(!next);
      setBotError(result.error ?? null);
    }
  }

  async function handleLimit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setLimitServerError(null);
    setLimitSaved(false);
    const invalid = validateReceptionLimit(limit);
    setLimitError(invalid);
    if (invalid) return;
    const result = await update({ input: { defaultReceptionLimit: Number(limit.trim()) } });
    if (result.data) {
      const saved = result.data.updateWorkspaceSettings.defaultReceptionLimit;
      setSavedLimit(saved);
      setLimit(String(saved));
      setLimitSaved(true);
    } else setLimitServerError(result.error ?? null);
  }

  return (
    <>
      <WorkspaceNameForm name={props.name} />

      <Card title="Reception">
        <div className="flex items-start justify-between gap-4">
          <div>
            <p id="bot-reception-label" className="text-sm font-medium text-slate-800">
              Prioritize bot reception
            </p>
            <p className="mt-0.5 text-sm text-slate-500">
              On: new conversations start with the robot. Off: they wait for an agent.
            </p>
          </div>
          <Toggle
            checked={botFirst}
            onChange={(next) => void handleToggle(next)}
            disabled={fetching}
            label="Prioritize bot reception"
            testId="prioritize-bot-reception"
          />
        </div>
        <div className="mt-2 min-h-5 text-xs" aria-live="polite">
          {botSaved ? (
            <span data-testid="bot-reception-saved" className="text-emerald-700">
              Saved: new conversations {botFirst ? 'start with the robot' : 'wait for an agent'}.
            </span>
          ) : null}
        </div>
        <ErrorNotice error={botError} />

        <form onSubmit={handleLimit} noValidate className="mt-4 border-t border-slate-100 pt-4">
          <label htmlFor="default-limit" className="block text-sm font-medium text-slate-800">
            Default reception limit
          </label>
          <p className="mt-0.5 text-sm text-slate-500">
            How many open conversations a new member holds at most (0–1000). Change a member’s own
            limit under Team.
          </p>
          <div className="mt-2 flex max-w-xs gap-2">
            <input
              id="default-limit"
              data-testid="default-reception-limit"
              type="number"
              inputMode="numeric"
              min={0}
              max={1000}
              value={limit}
              onChange={(e) => {
                setLimit(e.target.value);
                setLimitSaved(false);
              }}
              aria-invalid={limitError ? true : undefined}
              aria-describedby={limitError ? 'default-limit-error' : undefined}
              className={inputClass}
            />
            <button
              type="submit"
              data-testid="default-reception-limit-save"
              disabled={fetching || limit.trim() === String(savedLimit)}
              className={primaryButton}
            >
              Save
            </button>
          </div>
          <FieldError id="default-limit-error" message={limitError} />
          <div className="mt-2 min-h-5 text-xs" aria-live="polite">
            {limitSaved ? <span className="text-emerald-700">Saved.</span> : null}
          </div>
          <ErrorNotice error={limitServerError} />
        </form>
      </Card>

      <WidgetOriginsSettings />
    </>
  );
}

/** Renaming needs settings.manage (as does this page); open workbenches update live. */
function WorkspaceNameForm({ name: initial }: { name: string }) {
  const [{ fetching }, rename] = useRenameWorkspaceMutation();
  const [saved, setSaved] = useState(initial);
  const [name, setName] = useState(initial);
  const [error, setError] = useState<CombinedError | null>(null);
  const [done, setDone] = useState(false);
  const empty = name.trim().length === 0;

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    setDone(false);
    if (empty) return;
    const result = await rename({ name: name.trim() });
    if (result.data) {
      setSaved(result.data.renameWorkspace.name);
      setName(result.data.renameWorkspace.name);
      setDone(true);
    } else setError(result.error ?? null);
  }

  return (
    <Card title="Workspace">
      <form onSubmit={handleSubmit} noValidate>
        <label htmlFor="workspace-name" className="block text-sm font-medium text-slate-700">
          Name
        </label>
        <div className="mt-1.5 flex max-w-md flex-wrap gap-2">
          <input
            id="workspace-name"
            data-testid="workspace-name"
            value={name}
            maxLength={100}
            required
            aria-invalid={empty || error ? true : undefined}
            aria-describedby="workspace-name-help"
            onChange={(e) => {
              setName(e.target.value);
              setDone(false);
            }}
            className={`${inputClass} min-w-0 flex-1`}
          />
          <button
            type="submit"
            data-testid="workspace-name-save"
            disabled={fetching || empty || name.trim() === saved}
            className={primaryButton}
          >
            {fetching ? 'Saving…' : 'Rename'}
          </button>
        </div>
        <p id="workspace-name-help" className="mt-1.5 text-xs text-slate-500">
          Shown to every member in the workbench header. 1–100 characters.
        </p>
        <div className="mt-1 min-h-5 text-xs" aria-live="polite">
          {done ? (
            <span data-testid="workspace-name-saved" className="text-emerald-700">
              Saved.
            </span>
          ) : null}
        </div>
        <ErrorNotice error={error} />
      </form>
    </Card>
  );
}
