import type { CombinedError } from 'urql';

export type ApiErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'INTERNAL_SERVER_ERROR';

/** True when any GraphQL error carries `extensions.code === code`. */
export function hasErrorCode(error: CombinedError | undefined, code: ApiErrorCode): boolean {
  return error?.graphQLErrors.some((e) => e.extensions.code === code) ?? false;
}

/** A message a person can act on, for a form or a banner. */
export function describeError(error: CombinedError): string {
  if (error.networkError) return 'Cannot reach the Parley server. Check your connection and retry.';
  return error.graphQLErrors[0]?.message ?? 'Something went wrong.';
}
