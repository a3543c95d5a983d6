'use client';

import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { CombinedError } from 'urql';
import {
  useCreateManagedTagMutation,
  useDeleteTagMutation,
  useManagedTagsQuery,
  useUpdateTagMutation,
  type TagFieldsFragment,
} from '@/generated/graphql';
import { SECTIONS } from '@/lib/settings/permissions';
import {
  Card,
  ConfirmButton,
  ErrorNotice,
  inputClass,
  primaryButton,
  secondaryButton,
  SectionHeader,
} from './ui';

const info = SECTIONS.find((s) => s.id === 'tags');
const DEFAULT_COLOR = '#6366f1';
const MAX_NAME = 50;

/** Settings → Tags: the workspace's visitor tags (needs tag.manage, checked by the server). */
export function TagsSettings() {
  const [{ data, error, fetching }, refetch] = useManagedTagsQuery({
    requestPolicy: 'cache-and-network',
  });
  const tags = data?.tags ?? [];
  const reload = () => refetch({ requestPolicy: 'network-only' });

  return (
    <div>
      <SectionHeader title="Tags" description={info?.description ?? ''} />
      <CreateTagForm onCreated={reload} />
      <Card title="Tags in this workspace" testId="tag-list">
        {error && !data ? <ErrorNotice error={error} /> : null}
        {fetching && !data ? (
          <p className="text-sm text-slate-500" data-testid="tags-loading">
            Loading tags…
          </p>
        ) : data && tags.length === 0 ? (
          <p className="text-sm text-slate-500" data-testid="tags-empty">
            No tags yet. Create one above; agents can then tag visitors and filter conversations by
            it.
          </p>
        ) : (
          <ul className="-my-2 divide-y divide-slate-100">
            {tags.map((tag) => (
              <TagRow key={tag.id} tag={tag} onChanged={reload} />
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}

function CreateTagForm({ onCreated }: { onCreated: () => void }) {
  const [{ fetching }, create] = useCreateManagedTagMutation();
  const [name, setName] = useState('');
  const [color, setColor] = useState(DEFAULT_COLOR);
  const [error, setError] = useState<CombinedError | null>(null);
  const nameId = useId();
  const colorId = useId();

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    if (!name.trim()) return;
    const result = await create({ name: name.trim(), color });
    if (result.data) {
      setName('');
      onCreated();
    } else setError(result.error ?? null);
  }

  return (
    <Card title="New tag">
      <form onSubmit={handleSubmit} noValidate className="flex flex-wrap items-end gap-2">
        <div className="min-w-0 flex-1 basis-48">
          <label htmlFor={nameId} className="block text-sm font-medium text-slate-700">
            Name
          </label>
          <input
            id={nameId}
            data-testid="new-tag-name"
            value={name}
            maxLength={MAX_NAME}
            onChange={(e) => setName(e.target.value)}
            placeholder="e.g. VIP"
            className={`${inputClass} mt-1.5`}
          />
        </div>
        <div>
          <label htmlFor={colorId} className="block text-sm font-medium text-slate-700">
            Colour
          </label>
          <input
            id={colorId}
            type="color"
            data-testid="new-tag-color"
            value={color}
            onChange={(e) => setColor(e.target.value)}
            className="mt-1.5 block h-9 w-12 cursor-pointer rounded-lg border border-slate-300 bg-white p-1"
          />
        </div>
        <button
          type="submit"
          data-testid="new-tag-create"
          disabled={fetching || !name.trim()}
          className={primaryButton}
        >
          {fetching ? 'Adding…' : 'Add tag'}
        </button>
      </form>
      <div className="mt-2">
        <ErrorNotice error={error} />
      </div>
    </Card>
  );
}

function TagRow({ tag, onChanged }: { tag: TagFieldsFragment; onChanged: () => void }) {
  const [{ fetching: saving }, update] = useUpdateTagMutation();
  const [{ fetching: deleting }, remove] = useDeleteTagMutation();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(tag.name);
  const [color, setColor] = useState(tag.color);
  const [error, setError] = useState<CombinedError | null>(null);
  const nameId = useId();
  const colorChanged = color.toLowerCase() !== tag.color.toLowerCase();

  async function save(changes: { name?: string; color?: string }) {
    setError(null);
    const result = await update({ id: tag.id, ...changes });
    if (result.data) {
      setEditing(false);
      setName(result.data.updateTag.name);
      setColor(result.data.updateTag.color);
      onChanged();
    } else setError(result.error ?? null);
  }

  function handleRename(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!name.trim() || name.trim() === tag.name) {
      setEditing(false);
      setName(tag.name);
      return;
    }
    void save({ name: name.trim() });
  }

  function handleKey(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Escape') {
      event.preventDefault();
      setEditing(false);
      setName(tag.name);
      setError(null);
    }
  }

  async function handleDelete() {
    setError(null);
    const result = await remove({ id: tag.id });
    if (result.data) onChanged();
    else setError(result.error ?? null);
  }

  return (
    <li data-testid="tag-row" data-tag-name={tag.name} className="py-2.5">
      <div className="flex flex-wrap items-center gap-2">
        {/* The swatch is the colour picker; a picked colour is saved with its own button. */}
        <label className="relative shrink-0" title="Change colour">
          <span className="sr-only">Colour of {tag.name}</span>
          <input
            type="color"
            data-testid="tag-color"
            value={color}
            disabled={saving}
            onChange={(e) => setColor(e.target.value)}
            className="block h-7 w-9 cursor-pointer rounded-md border border-slate-300 bg-white p-0.5"
          />
        </label>
        {colorChanged ? (
          <span className="flex shrink-0 gap-1.5">
            <button
              type="button"
              data-testid="tag-color-save"
              disabled={saving}
              onClick={() => void save({ color })}
              className={primaryButton}
            >
              Save colour
            </button>
            <button type="button" onClick={() => setColor(tag.color)} className={secondaryButton}>
              Undo
            </button>
          </span>
        ) : null}
        {editing ? (
          <form onSubmit={handleRename} className="flex min-w-0 flex-1 basis-48 gap-2">
            <label htmlFor={nameId} className="sr-only">
              New name for {tag.name}
            </label>
            <input
              id={nameId}
              data-testid="tag-rename-input"
              autoFocus
              value={name}
              maxLength={MAX_NAME}
              onChange={(e) => setName(e.target.value)}
              onKeyDown={handleKey}
              className={`${inputClass} min-w-0 flex-1 py-1.5`}
            />
            <button
              type="submit"
              data-testid="tag-rename-save"
              disabled={saving || !name.trim()}
              className={primaryButton}
            >
              Save
            </button>
            <button
              type="button"
              onClick={() => {
                setEditing(false);
                setName(tag.name);
                setError(null);
              }}
              className={secondaryButton}
            >
              Cancel
            </button>
          </form>
        ) : (
          <>
            <span
              data-testid="tag-name"
              className="min-w-0 flex-1 truncate text-sm font-medium text-slate-800"
              title={tag.name}
            >
              {tag.name}
            </span>
            <button
              type="button"
              data-testid="tag-rename"
              onClick={() => setEditing(true)}
              className={secondaryButton}
              aria-label={`Rename ${tag.name}`}
            >
              Rename
            </button>
            <ConfirmButton
              label="Delete"
              confirmLabel={`Delete “${tag.name.length > 20 ? `${tag.name.slice(0, 19)}…` : tag.name}”`}
              disabled={deleting}
              onConfirm={() => void handleDelete()}
              testId="tag-delete"
            />
          </>
        )}
      </div>
      {error ? (
        <div className="mt-2">
          <ErrorNotice error={error} />
        </div>
      ) : null}
    </li>
  );
}
