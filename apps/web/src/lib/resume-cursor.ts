/**
 * Event-log subscriptions take an `after` cursor and every event carries its
 * own `cursor`. Given a subscription's variables and one result, returns the
 * variables that resume right after that event, or null when the result has
 * no cursor (or the subscription is not resumable).
 */
export function resumeVariables(
  variables: Readonly<Record<string, unknown>>,
  data: unknown,
): Record<string, unknown> | null {
  if (!('after' in variables) || typeof data !== 'object' || data === null) return null;
  const roots = Object.values(data);
  if (roots.length !== 1) return null;
  const [event] = roots;
  if (typeof event !== 'object' || event === null || !('cursor' in event)) return null;
  const { cursor } = event;
  return typeof cursor === 'string' ? { ...variables, after: cursor } : null;
}
