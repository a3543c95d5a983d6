'use client';

import { useState, useSyncExternalStore } from 'react';
import { useSignOutMutation } from '@/generated/graphql';
import {
  getLiveConnectionStatus,
  subscribeLiveConnectionStatus,
  type LiveConnectionStatus,
} from '@/lib/live-connection';
import { SIGN_IN_PATH } from '@/lib/sign-in-redirect';

const liveLabel: Record<LiveConnectionStatus, { text: string; dot: string }> = {
  idle: { text: 'Offline', dot: 'bg-slate-400' },
  connecting: { text: 'Connecting', dot: 'bg-amber-400' },
  live: { text: 'Live', dot: 'bg-emerald-500' },
  reconnecting: { text: 'Reconnecting', dot: 'bg-amber-400 animate-pulse' },
};

type AppHeaderProps = { workspaceName: string; agentName: string | null };

export function AppHeader({ workspaceName, agentName }: AppHeaderProps) {
  const status = useSyncExternalStore(
    subscribeLiveConnectionStatus,
    getLiveConnectionStatus,
    () => 'idle' as const,
  );
  const [{ fetching }, signOut] = useSignOutMutation();
  const [leaving, setLeaving] = useState(false);

  async function handleSignOut() {
    setLeaving(true);
    await signOut({});
    // A full navigation drops the socket and every loaded conversation.
    window.location.replace(SIGN_IN_PATH);
  }

  const live = liveLabel[status];
  return (
    <header className="flex h-14 shrink-0 items-center gap-3 border-b border-slate-200 bg-white px-4">
      <span
        aria-hidden="true"
        className="flex size-8 items-center justify-center rounded-lg bg-indigo-600 text-sm font-bold text-white"
      >
        P
      </span>
      <div className="min-w-0">
        <p className="truncate text-sm font-semibold text-slate-900">{workspaceName}</p>
        <p className="hidden text-xs text-slate-500 sm:block">Parley workbench</p>
      </div>
      <p
        role="status"
        className="ml-auto flex items-center gap-1.5 text-xs font-medium text-slate-600"
      >
        <span aria-hidden="true" className={`size-2 rounded-full ${live.dot}`} />
        {live.text}
      </p>
      {agentName ? (
        <p className="hidden max-w-48 truncate text-sm text-slate-700 sm:block" title={agentName}>
          {agentName}
        </p>
      ) : null}
      <button
        type="button"
        onClick={handleSignOut}
        disabled={fetching || leaving}
        className="rounded-lg border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-700 transition hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:opacity-60"
      >
        Sign out
      </button>
    </header>
  );
}
