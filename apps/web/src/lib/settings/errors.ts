/** The parts of urql's CombinedError these helpers read (structurally compatible). */
export type ApiErrorLike = {
  networkError?: unknown;
  graphQLErrors: ReadonlyArray<{
    message: string;
    extensions: Readonly<Record<string, unknown>>;
  }>;
};

export type SettingsErrorInfo = {
  code: string | null;
  /** The input field the server blamed (BAD_USER_INPUT), when it named one. */
  field: string | null;
  message: string;
};

/** Explains an API error the way the settings forms show it inline. */
export function describeSettingsError(error: ApiErrorLike): SettingsErrorInfo {
  if (error.networkError && error.graphQLErrors.length === 0) {
    return {
      code: null,
      field: null,
      message: 'Cannot reach the Parley server. Check your connection and retry.',
    };
  }
  const first = error.graphQLErrors[0];
  if (!first) return { code: null, field: null, message: 'Something went wrong.' };
  const code = typeof first.extensions.code === 'string' ? first.extensions.code : null;
  const field = typeof first.extensions.field === 'string' ? first.extensions.field : null;
  const detail = first.message;
  // The server's message is written for people (it names the field itself):
  // show it as it is, never with a code or a field name in front.
  switch (code) {
    case 'NOT_FOUND':
      return {
        code,
        field,
        message: `${detail} It may have been removed already; reload to see the latest.`,
      };
    case 'UNAUTHENTICATED':
      return { code, field, message: 'Your session ended. Sign in again.' };
    case 'INTERNAL_SERVER_ERROR':
      return { code, field, message: 'The server failed to do this. Try again later.' };
    default:
      return { code, field, message: detail };
  }
}
