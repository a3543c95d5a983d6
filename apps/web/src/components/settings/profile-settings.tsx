'use client';

import { useId, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import type { CombinedError } from 'urql';
import {
  useMyProfileQuery,
  useRemoveMyAvatarMutation,
  useSetMyAvatarMutation,
  useUpdateMyProfileMutation,
  type MyProfileFragment,
  type NotificationPreferencesFieldsFragment,
} from '@/generated/graphql';
import { SECTIONS } from '@/lib/settings/permissions';
import { AgentAvatar } from '../agent-avatar';
import {
  Card,
  Checkbox,
  ErrorNotice,
  inputClass,
  Notice,
  primaryButton,
  secondaryButton,
  SectionHeader,
} from './ui';

const info = SECTIONS.find((s) => s.id === 'profile');
/** The server's limit; checked here only to answer before uploading. */
const AVATAR_MAX_BYTES = 2 * 1024 * 1024;

/** Settings → Your profile: the signed-in agent's own name, avatar, language and alerts. */
export function ProfileSettings() {
  const [{ data, error, fetching }] = useMyProfileQuery({ requestPolicy: 'network-only' });
  const agent = data?.viewer.agent;
  return (
    <div>
      <SectionHeader title="Your profile" description={info?.description ?? ''} />
      {error && !data ? <ErrorNotice error={error} /> : null}
      {fetching && !data ? <Notice>Loading…</Notice> : null}
      {data && !agent ? <Notice>Only signed-in agents have a profile.</Notice> : null}
      {agent ? (
        <>
          <AvatarCard agent={agent} />
          <DetailsForm key={agent.id} agent={agent} languages={data.profileLanguages} />
          {agent.notificationPreferences ? (
            <NotificationsCard preferences={agent.notificationPreferences} />
          ) : null}
        </>
      ) : null}
    </div>
  );
}

function languageName(tag: string): string {
  try {
    const names = new Intl.DisplayNames(['en'], { type: 'language' });
    return `${names.of(tag) ?? tag} (${tag})`;
  } catch {
    return tag;
  }
}

function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(file);
  });
}

function AvatarCard({ agent }: { agent: MyProfileFragment }) {
  const [{ fetching: uploading }, setAvatar] = useSetMyAvatarMutation();
  const [{ fetching: removing }, removeAvatar] = useRemoveMyAvatarMutation();
  const [error, setError] = useState<CombinedError | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const fileId = useId();

  async function handleFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    setError(null);
    setLocalError(null);
    if (!file) return;
    if (file.size > AVATAR_MAX_BYTES) {
      setLocalError('The image is larger than 2 MB.');
      return;
    }
    try {
      const result = await setAvatar({ image: await readAsDataUrl(file) });
      if (!result.data) setError(result.error ?? null);
    } catch {
      setLocalError('The file could not be read.');
    }
  }

  async function handleRemove() {
    setError(null);
    setLocalError(null);
    const result = await removeAvatar({});
    if (!result.data) setError(result.error ?? null);
  }

  return (
    <Card title="Picture" description="PNG, JPEG, WebP or GIF, up to 2 MB. Shown as a circle.">
      <div className="flex flex-wrap items-center gap-4">
        <AgentAvatar id={agent.id} name={agent.name} avatarUrl={agent.avatarUrl} size="lg" />
        <div className="flex flex-wrap gap-2">
          <input
            ref={input}
            id={fileId}
            type="file"
            accept="image/png,image/jpeg,image/webp,image/gif"
            data-testid="avatar-file"
            onChange={(e) => void handleFile(e)}
            className="sr-only"
          />
          <button
            type="button"
            data-testid="avatar-upload"
            disabled={uploading}
            onClick={() => input.current?.click()}
            className={primaryButton}
          >
            {uploading ? 'Uploading…' : agent.avatarUrl ? 'Change picture' : 'Upload picture'}
          </button>
          {agent.avatarUrl ? (
            <button
              type="button"
              data-testid="avatar-remove"
              disabled={removing}
              onClick={() => void handleRemove()}
              className={secondaryButton}
            >
              Remove
            </button>
          ) : null}
        </div>
      </div>
      <div className="mt-3 space-y-2" aria-live="polite">
        {localError ? (
          <p role="alert" className="rounded-lg bg-rose-50 px-3 py-2 text-sm text-rose-700">
            {localError}
          </p>
        ) : null}
        <ErrorNotice error={error} />
      </div>
    </Card>
  );
}

function DetailsForm({ agent, languages }: { agent: MyProfileFragment; languages: string[] }) {
  const [{ fetching }, update] = useUpdateMyProfileMutation();
  const [name, setName] = useState(agent.name);
  const [language, setLanguage] = useState(agent.language);
  const [error, setError] = useState<CombinedError | null>(null);
  const [saved, setSaved] = useState(false);
  const nameId = useId();
  const languageId = useId();
  const empty = name.trim().length === 0;

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    setSaved(false);
    if (empty) return;
    const result = await update({ input: { name: name.trim(), language } });
    if (result.data) {
      setName(result.data.updateMyProfile.name);
      setSaved(true);
    } else setError(result.error ?? null);
  }

  return (
    <Card title="Details">
      <form onSubmit={handleSubmit} noValidate className="max-w-md space-y-4">
        <div>
          <label htmlFor={nameId} className="block text-sm font-medium text-slate-700">
            Display name
          </label>
          <input
            id={nameId}
            data-testid="profile-name"
            value={name}
            maxLength={100}
            required
            aria-invalid={empty ? true : undefined}
            onChange={(e) => {
              setName(e.target.value);
              setSaved(false);
            }}
            className={`${inputClass} mt-1.5`}
          />
          <p className="mt-1 text-xs text-slate-500">
            Colleagues see it in the workbench; visitors see it on your replies.
          </p>
        </div>
        <div>
          <label htmlFor={languageId} className="block text-sm font-medium text-slate-700">
            Preferred language
          </label>
          <select
            id={languageId}
            data-testid="profile-language"
            value={language}
            onChange={(e) => {
              setLanguage(e.target.value);
              setSaved(false);
            }}
            className={`${inputClass} mt-1.5`}
          >
            {languages.map((tag) => (
              <option key={tag} value={tag}>
                {languageName(tag)}
              </option>
            ))}
          </select>
          <p className="mt-1 text-xs text-slate-500">
            The workbench is in English for now; this is remembered for when it is translated.
          </p>
        </div>
        <div className="flex items-center gap-3">
          <button
            type="submit"
            data-testid="profile-save"
            disabled={fetching || empty}
            className={primaryButton}
          >
            {fetching ? 'Saving…' : 'Save'}
          </button>
          <span className="text-xs" aria-live="polite">
            {saved ? (
              <span data-testid="profile-saved" className="text-emerald-700">
                Saved.
              </span>
            ) : null}
          </span>
        </div>
        <ErrorNotice error={error} />
      </form>
    </Card>
  );
}

const preferenceInfo: readonly {
  key: keyof Omit<NotificationPreferencesFieldsFragment, '__typename'>;
  label: string;
  description: string;
}[] = [
  {
    key: 'sound',
    label: 'Sound',
    description: 'A chime for anything below, while the workbench tab is in the background.',
  },
  {
    key: 'desktopNewConversation',
    label: 'New conversations',
    description: 'A desktop notification when a conversation arrives or waits for an agent.',
  },
  {
    key: 'desktopMyConversationMessage',
    label: 'Messages in my conversations',
    description: 'A desktop notification when a visitor writes in a conversation assigned to you.',
  },
  {
    key: 'desktopAssignedToMe',
    label: 'Assigned to me',
    description: 'A desktop notification when someone assigns a conversation to you.',
  },
];

function NotificationsCard({
  preferences,
}: {
  preferences: NotificationPreferencesFieldsFragment;
}) {
  const [{ fetching }, update] = useUpdateMyProfileMutation();
  const [current, setCurrent] = useState(preferences);
  const [error, setError] = useState<CombinedError | null>(null);

  async function change(key: (typeof preferenceInfo)[number]['key'], value: boolean) {
    setError(null);
    const previous = current;
    setCurrent({ ...current, [key]: value });
    const result = await update({ input: { notificationPreferences: { [key]: value } } });
    const saved = result.data?.updateMyProfile.notificationPreferences;
    if (saved) setCurrent(saved);
    else {
      setCurrent(previous);
      setError(result.error ?? null);
    }
  }

  return (
    <Card
      title="Notifications"
      description="Desktop notifications also need your browser's permission (the bell in the workbench header)."
    >
      <fieldset disabled={fetching} className="-mx-2 space-y-1">
        <legend className="sr-only">Notify me about</legend>
        {preferenceInfo.map((item) => (
          <Checkbox
            key={item.key}
            testId={`notify-${item.key}`}
            checked={current[item.key]}
            onChange={(checked) => void change(item.key, checked)}
            label={item.label}
            description={item.description}
          />
        ))}
      </fieldset>
      <div className="mt-2">
        <ErrorNotice error={error} />
      </div>
    </Card>
  );
}
