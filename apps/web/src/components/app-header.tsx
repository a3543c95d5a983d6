'use client';

import Link from 'next/link';
import { useState, useSyncExternalStore } from 'react';
import {
  useSetAgentStatusMutation,
  useSignOutMutation,
  type AgentStatus,
} from '@/generated/graphql';
import { notificationState, requestNotifications, type NotificationState } from '@/lib/attention';
import { describeError } from '@/lib/graphql-error-code';
import {
  getLiveConnectionStatus,
  subscribeLiveConnectionStatus,
  type LiveConnectionStatus,
} from '@/lib/live-connection';
import { SIGN_IN_PATH } from '@/lib/sign-in-redirect';
import { AgentAvatar } from './agent-avatar';
import { BellIcon } from './icons';
import { agentStatusDot, agentStatusLabel, focusRing } from './labels';

const liveLabel: Record<LiveConnectionStatus, { text: string; dot: string }> = {
  idle: { text: 'Offline', dot: 'bg-slate-400' },
  connecting: { text: 'Connecting', dot: 'bg-amber-400' },
  live: { text: 'Live', dot: 'bg-emerald-500' },
  reconnecting: { text: 'Reconnecting', dot: 'bg-amber-400 animate-pulse' },
};

const STATUSES: readonly AgentStatus[] = ['ONLINE', 'AWAY', 'OFFLINE'];
const NOTIFICATIONS_ASKED_KEY = 'parley.notifications-asked';

type AppHeaderProps = {
  workspaceName: string;
  agentId: string | null;
  agentName: string | null;
  agentAvatarUrl: string | null;
  /** The agent's presence; null for callers without an agent. */
  status: AgentStatus | null;
  onStatusChange: (status: AgentStatus) => void;
};

function useNotificationOffer(): { show: boolean; enable: () => void; dismiss: () => void } {
  const [state, setState] = useState<NotificationState>(() => notificationState());
  const [asked, setAsked] = useState(() => {
    try {
      return window.localStorage.getItem(NOTIFICATIONS_ASKED_KEY) === '1';
    } catch {
      return false;
    }
  });
  const remember = () => {
    setAsked(true);
    try {
      window.localStorage.setItem(NOTIFICATIONS_ASKED_KEY, '1');
    } catch {
      // Private mode: ask again next time.
    }
  };
  return {
    show: state === 'default' && !asked,
    enable: () => {
      remember();
      void requestNotifications().then(setState);
    },
    dismiss: remember,
  };
}

export function AppHeader({
  workspaceName,
  agentId,
  agentName,
  agentAvatarUrl,
  status,
  onStatusChange,
}: AppHeaderProps) {
  const live = useSyncExternalStore(
    subscribeLiveConnectionStatus,
    getLiveConnectionStatus,
    () => 'idle' as const,
  );
  const [{ fetching }, signOut] = useSignOutMutation();
  const [{ fetching: savingStatus }, setAgentStatus] = useSetAgentStatusMutation();
  const [statusError, setStatusError] = useState<string | null>(null);
  const [leaving, setLeaving] = useState(false);
  const notifications = useNotificationOffer();

  async function handleSignOut() {
    setLeaving(true);
    await signOut({});
    // A full navigation drops the socket and every loaded conversation.
    window.location.replace(SIGN_IN_PATH);
  }

  async function handleStatus(next: AgentStatus) {
    setStatusError(null);
    const previous = status;
    onStatusChange(next);
    const result = await setAgentStatus({ status: next });
    if (result.data) onStatusChange(result.data.setAgentStatus.status);
    else {
      if (previous) onStatusChange(previous);
      if (result.error) setStatusError(describeError(result.error));
    }
  }

  const connection = liveLabel[live];
  return (
    <header className="flex h-14 shrink-0 items-center gap-2 border-b border-slate-200 bg-white px-3 sm:gap-3 sm:px-4">
      <span
        aria-hidden="true"
        className="flex size-8 shrink-0 items-center justify-center rounded-lg bg-indigo-600 text-sm font-bold text-white"
      >
        P
      </span>
      <div className="min-w-0">
        <p className="truncate text-sm font-semibold text-slate-900" title={workspaceName}>
          {workspaceName}
        </p>
        <p className="hidden text-xs text-slate-500 sm:block">Parley workbench</p>
      </div>
      <p
        role="status"
        className="ml-auto flex shrink-0 items-center gap-1.5 text-xs font-medium text-slate-600"
      >
        <span aria-hidden="true" className={`size-2 rounded-full ${connection.dot}`} />
        <span className={live === 'live' ? 'sr-only sm:not-sr-only' : ''}>{connection.text}</span>
      </p>
      {notifications.show ? (
        <span className="hidden items-center gap-1 rounded-lg bg-indigo-50 py-1 pr-1 pl-2 text-xs text-indigo-800 md:flex">
          <BellIcon className="size-3.5" />
          <button
            type="button"
            onClick={notifications.enable}
            className={`rounded px-1 font-semibold underline-offset-2 hover:underline ${focusRing}`}
          >
            Enable alerts
          </button>
          <button
            type="button"
            onClick={notifications.dismiss}
            aria-label="Not now"
            className={`rounded px-1 text-indigo-500 hover:text-indigo-800 ${focusRing}`}
          >
            ×
          </button>
        </span>
      ) : null}
      {status ? (
        <label className="relative flex shrink-0 items-center">
          <span className="sr-only">Your status</span>
          <span
            aria-hidden="true"
            className={`pointer-events-none absolute left-2.5 size-2 rounded-full ${agentStatusDot[status]}`}
          />
          <select
            data-testid="agent-status"
            value={status}
            disabled={savingStatus}
            title={statusError ?? (agentName ? `${agentName} · presence` : 'Presence')}
            aria-invalid={statusError ? true : undefined}
            onChange={(e) => void handleStatus(e.target.value as AgentStatus)}
            className={`appearance-none rounded-lg border py-1.5 pr-7 pl-6 text-sm font-medium text-slate-700 hover:bg-slate-50 ${focusRing} ${
              statusError ? 'border-rose-400' : 'border-slate-300'
            } bg-[url("data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 20 20' fill='%2364748b'%3E%3Cpath d='M5.2 7.2a.75.75 0 0 1 1.06 0L10 10.94l3.74-3.74a.75.75 0 1 1 1.06 1.06l-4.27 4.27a.75.75 0 0 1-1.06 0L5.2 8.26a.75.75 0 0 1 0-1.06z'/%3E%3C/svg%3E")] bg-[length:1rem] bg-[right_0.4rem_center] bg-no-repeat`}
          >
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {agentStatusLabel[s]}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {/* Below sm the header has no room: the profile is under Settings there. */}
      {agentName && agentId ? (
        <Link
          href="/settings/profile"
          title={`${agentName} · your profile`}
          className={`hidden shrink-0 items-center gap-2 rounded-full sm:flex lg:rounded-lg lg:pr-2 ${focusRing} hover:bg-slate-50`}
        >
          <AgentAvatar id={agentId} name={agentName} avatarUrl={agentAvatarUrl} size="sm" />
          <span className="hidden max-w-40 truncate text-sm text-slate-700 lg:block">
            {agentName}
          </span>
          <span className="sr-only lg:hidden">Your profile</span>
        </Link>
      ) : null}
      <Link
        href="/settings"
        data-testid="settings-link"
        className={`shrink-0 rounded-lg px-2 py-1.5 text-sm font-medium text-slate-700 transition hover:bg-slate-50 ${focusRing}`}
      >
        Settings
      </Link>
      <button
        type="button"
        onClick={handleSignOut}
        disabled={fetching || leaving}
        className={`shrink-0 rounded-lg border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-700 transition hover:bg-slate-50 disabled:opacity-60 ${focusRing}`}
      >
        Sign out
      </button>
    </header>
  );
}
