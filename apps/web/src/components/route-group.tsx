'use client';

import { useEffect, useState } from 'react';
import {
  useRouteConversationMutation,
  useRouteGroupsQuery,
  useViewerPermissionsQuery,
  useViewerQuery,
} from '@/generated/graphql';
import { describeError } from '@/lib/graphql-error-code';
import { groupIdFromSelect, groupSelectValue, routeOptions } from '@/lib/settings/groups';
import { can } from '@/lib/settings/permissions';
import type { ConversationSummary } from '@/lib/workbench-state';
import { focusRing } from './labels';
import type { UpdateConversation } from './lifecycle-actions';

/** Whether the viewer may route conversations (conversation.reassign); the server decides. */
function useCanRoute(): boolean {
  const [viewer] = useViewerQuery();
  // Asked separately: an older server without `permissions` falls back to the role.
  const [permissions] = useViewerPermissionsQuery();
  if (permissions.fetching && !permissions.data) return false;
  return can(
    {
      role: viewer.data?.viewer.role ?? null,
      permissions: permissions.data?.viewer.permissions ?? null,
    },
    'CONVERSATION_REASSIGN',
  );
}

/** "Route to group": None or one of the workspace's agent groups. */
export function RouteGroup({
  conversation,
  updateConversation,
}: {
  conversation: ConversationSummary;
  updateConversation: UpdateConversation;
}) {
  const canRoute = useCanRoute();
  if (!canRoute) return null;
  return <RouteGroupSelect conversation={conversation} updateConversation={updateConversation} />;
}

function RouteGroupSelect({
  conversation,
  updateConversation,
}: {
  conversation: ConversationSummary;
  updateConversation: UpdateConversation;
}) {
  const [groups] = useRouteGroupsQuery({ requestPolicy: 'cache-and-network' });
  const [, route] = useRouteConversationMutation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = conversation.id;
  useEffect(() => setError(null), [id]);

  async function handleChange(value: string) {
    setBusy(true);
    setError(null);
    const failure = await updateConversation(id, async () => {
      const r = await route({ conversationId: id, groupId: groupIdFromSelect(value) });
      return { conversation: r.data?.routeConversation, error: r.error };
    });
    setBusy(false);
    if (failure) {
      const code = failure.graphQLErrors[0]?.extensions.code;
      setError(`${describeError(failure)}${typeof code === 'string' ? ` (${code})` : ''}`);
    }
  }

  const options = routeOptions(groups.data?.agentGroups ?? [], conversation.group);
  return (
    <div className="space-y-2">
      <label htmlFor="route-group" className="block px-1 text-xs font-medium text-slate-500">
        Route to group
      </label>
      <select
        id="route-group"
        data-testid="route-group"
        value={groupSelectValue(conversation.group?.id)}
        disabled={busy}
        onChange={(e) => void handleChange(e.target.value)}
        className={`block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm text-slate-800 disabled:opacity-60 ${focusRing}`}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {groups.error && !groups.data ? (
        <p role="alert" className="rounded-lg bg-rose-50 px-3 py-2 text-sm text-rose-700">
          {describeError(groups.error)}
        </p>
      ) : null}
      {error ? (
        <p
          role="alert"
          data-testid="route-group-error"
          className="rounded-lg bg-rose-50 px-3 py-2 text-sm text-rose-700"
        >
          {error}
        </p>
      ) : null}
    </div>
  );
}
