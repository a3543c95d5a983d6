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

export interface AgentProfileFacts {
  id: string;
  language: string;
  avatarHash: string | null;
}

export interface Loaders {
  /** Language and avatar version of workspace members. */
  agentProfile: DataLoader<string, AgentProfileFacts | null>;
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

/** Rows in the order of `ids`, null where none came back. */
function inOrder<T extends { id: string }>(
  ids: readonly string[],
  rows: readonly T[],
): (T | null)[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id) ?? null);
}

class LazyLoaders implements Loaders {
  private made: Partial<Loaders> | null = null;

  constructor(
    private readonly core: Core,
    private readonly actor: Actor | null,
    private readonly options: { cache: boolean },
  ) {}

  /** The loader under `key`, made on first use. */
  private lazy<K extends keyof Loaders>(key: K, make: () => Loaders[K]): Loaders[K] {
    const made = (this.made ??= {});
    return (made[key] ??= make()) as Loaders[K];
  }

  /** Team lookups: an agent's or API token's; a visitor (or nobody) gets nulls. */
  private teamLoader<T extends { id: string }>(
    list: (actor: Exclude<Actor, { kind: 'visitor' }>, ids: readonly string[]) => Promise<T[]>,
  ): DataLoader<string, T | null> {
    return new DataLoader(async (ids) => {
      const actor = this.actor;
      if (!actor || actor.kind === 'visitor') return ids.map(() => null);
      return inOrder(ids, await list(actor, ids));
    }, this.options);
  }

  get agentProfile(): Loaders['agentProfile'] {
    return this.lazy(
      'agentProfile',
      () =>
        new DataLoader(
          async (ids) => inOrder(ids, await this.core.loadAgentProfiles(this.actor, ids)),
          this.options,
        ),
    );
  }

  get visitorProfile(): Loaders['visitorProfile'] {
    return this.lazy(
      'visitorProfile',
      () =>
        new DataLoader(
          async (ids) => inOrder(ids, await this.core.loadVisitorProfiles(this.actor, ids)),
          this.options,
        ),
    );
  }

  get visitorTags(): Loaders['visitorTags'] {
    return this.lazy(
      'visitorTags',
      () =>
        new DataLoader(async (ids) => {
          const byVisitor = await this.core.loadVisitorTags(this.actor, ids);
          return ids.map((id) => byVisitor.get(id) ?? []);
        }, this.options),
    );
  }

  get member(): Loaders['member'] {
    return this.lazy('member', () =>
      this.teamLoader((actor, ids) => this.core.listAgents(actor, ids)),
    );
  }

  get group(): Loaders['group'] {
    return this.lazy('group', () =>
      this.teamLoader((actor, ids) => this.core.listAgentGroups(actor, ids)),
    );
  }
}
