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
 * of them) does not keep four idle DataLoaders alive per socket. The getters
 * sit on the prototype, so an unused set costs one small object.
 */
export function createLoaders(core: Core, actor: Actor | null, cache = true): Loaders {
  return new LazyLoaders(core, actor, cache ? CACHED : UNCACHED);
}

const CACHED = Object.freeze({ cache: true });
const UNCACHED = Object.freeze({ cache: false });

class LazyLoaders implements Loaders {
  private made: Partial<Loaders> | null = null;

  constructor(
    private readonly core: Core,
    private readonly actor: Actor | null,
    private readonly options: { cache: boolean },
  ) {}

  get visitorProfile(): Loaders['visitorProfile'] {
    const made = (this.made ??= {});
    return (made.visitorProfile ??= new DataLoader(async (ids) => {
      const rows = await this.core.loadVisitorProfiles(this.actor, ids);
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }, this.options));
  }

  get visitorTags(): Loaders['visitorTags'] {
    const made = (this.made ??= {});
    return (made.visitorTags ??= new DataLoader(async (ids) => {
      const byVisitor = await this.core.loadVisitorTags(this.actor, ids);
      return ids.map((id) => byVisitor.get(id) ?? []);
    }, this.options));
  }

  get member(): Loaders['member'] {
    const made = (this.made ??= {});
    return (made.member ??= new DataLoader(async (ids) => {
      const actor = this.actor;
      if (!actor || actor.kind === 'visitor') return ids.map(() => null);
      const rows = await this.core.listAgents(actor, ids);
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }, this.options));
  }

  get group(): Loaders['group'] {
    const made = (this.made ??= {});
    return (made.group ??= new DataLoader(async (ids) => {
      const actor = this.actor;
      if (!actor || actor.kind === 'visitor') return ids.map(() => null);
      const rows = await this.core.listAgentGroups(actor, ids);
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }, this.options));
  }
}
