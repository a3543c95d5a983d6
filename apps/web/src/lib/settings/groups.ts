/** Pure helpers for agent groups: the settings section and the workbench's "Route to group". */

/** "No members", "Ada", "Ada and Bo", "Ada, Bo and 3 more". */
export function memberSummary(members: readonly { name: string }[], shown = 2): string {
  if (members.length === 0) return 'No members';
  const names = members.map((m) => m.name);
  if (names.length <= shown) {
    return names.length === 1
      ? (names[0] ?? '')
      : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  }
  return `${names.slice(0, shown).join(', ')} and ${names.length - shown} more`;
}

/** Whether two member selections hold the same agents, whatever their order. */
export function sameMembers(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((id) => right.has(id));
}

/** The "Route to group" select's value: '' stands for no group. */
export function groupSelectValue(groupId: string | null | undefined): string {
  return groupId ?? '';
}

export function groupIdFromSelect(value: string): string | null {
  return value === '' ? null : value;
}

/**
 * The select's options: "None", then the groups by name. A conversation's
 * group missing from the list (just deleted, or not loaded yet) stays shown.
 */
export function routeOptions(
  groups: readonly { id: string; name: string }[],
  current: { id: string; name: string } | null | undefined,
): { value: string; label: string }[] {
  const all = [...groups];
  if (current && !all.some((g) => g.id === current.id)) all.push(current);
  all.sort((a, b) => a.name.localeCompare(b.name));
  return [{ value: '', label: 'None' }, ...all.map((g) => ({ value: g.id, label: g.name }))];
}
