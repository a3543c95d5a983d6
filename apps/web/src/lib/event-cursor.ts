/**
 * Event-log cursors are strictly increasing. The server sends them as decimal
 * strings (a bigint id); they are compared by length first, then digit by
 * digit, which orders such strings numerically without parsing them and
 * still gives a stable order for any other opaque string.
 */
export function compareEventCursors(a: string, b: string): number {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** True when `cursor` is at or after `reference` (a missing reference is the beginning). */
export function isAtOrAfter(cursor: string, reference: string | null | undefined): boolean {
  return reference == null || compareEventCursors(cursor, reference) >= 0;
}

/** Version given to a snapshot whose event-log position is unknown: any event supersedes it. */
export const UNVERSIONED = '0';
