// Who gets the next conversation: an online agent under their reception limit,
// least busy first, ties broken round-robin (longest since their last
// assignment, never-assigned first). Pure, so it is tested in isolation.
export interface Candidate {
  agentId: string;
  status: 'ONLINE' | 'AWAY' | 'OFFLINE';
  /** Open conversations assigned now. */
  load: number;
  limit: number;
  lastAssignedAt: Date | null;
}

export function chooseAgent(candidates: readonly Candidate[]): string | null {
  let best: Candidate | null = null;
  for (const c of candidates) {
    if (c.status !== 'ONLINE' || c.load >= c.limit) continue;
    if (!best || compare(c, best) < 0) best = c;
  }
  return best?.agentId ?? null;
}

function compare(a: Candidate, b: Candidate): number {
  if (a.load !== b.load) return a.load - b.load;
  const at = a.lastAssignedAt?.getTime() ?? -Infinity;
  const bt = b.lastAssignedAt?.getTime() ?? -Infinity;
  if (at !== bt) return at - bt;
  return a.agentId < b.agentId ? -1 : a.agentId > b.agentId ? 1 : 0;
}
