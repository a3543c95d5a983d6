// Per-request batching of the lookups a list of conversations would otherwise
// repeat per row (visitor profiles and tags, team member state). Subscription
// contexts batch without caching, so every event sees current data.
import type {
  Actor,
  AgentGroupRecord,
  Core,
  TagRecord,
  TeamMemberRecord,
  VisitorProfileRecord,
} from '@parley/core';
import DataLoader from 'dataloader';

export interface Loaders {
  visitorProfile: DataLoader<string, VisitorProfileRecord | null>;
  visitorTags: DataLoader<string, TagRecord[]>;
  member: DataLoader<string, TeamMemberRecord | null>;
  group: DataLoader<string, AgentGroupRecord | null>;
}

/**
 * Loaders are made on first use: a subscription that never touches one (most
 * of them) does not keep four idle DataLoaders alive per socket.
 */
export function createLoaders(core: Core, actor: Actor | null, cache = true): Loaders {
  const options = { cache };
  const made: Partial<Loaders> = {};
  return {
    get visitorProfile() {
      return (made.visitorProfile ??= new DataLoader(async (ids) => {
        const rows = await core.loadVisitorProfiles(actor, ids);
        const byId = new Map(rows.map((row) => [row.id, row]));
        return ids.map((id) => byId.get(id) ?? null);
      }, options));
    },
    get visitorTags() {
      return (made.visitorTags ??= new DataLoader(async (ids) => {
        const byVisitor = await core.loadVisitorTags(actor, ids);
        return ids.map((id) => byVisitor.get(id) ?? []);
      }, options));
    },
    get member() {
      return (made.member ??= new DataLoader(async (ids) => {
        if (!actor || actor.kind === 'visitor') return ids.map(() => null);
        const rows = await core.listAgents(actor, ids);
        const byId = new Map(rows.map((row) => [row.id, row]));
        return ids.map((id) => byId.get(id) ?? null);
      }, options));
    },
    get group() {
      return (made.group ??= new DataLoader(async (ids) => {
        if (!actor || actor.kind === 'visitor') return ids.map(() => null);
        const rows = await core.listAgentGroups(actor, ids);
        const byId = new Map(rows.map((row) => [row.id, row]));
        return ids.map((id) => byId.get(id) ?? null);
      }, options));
    },
  };
}
