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

const fieldLabels: Readonly<Record<string, string>> = {
  defaultReceptionLimit: 'Default reception limit',
  limit: 'Reception limit',
  email: 'Email',
  name: 'Name',
  password: 'Password',
  url: 'URL',
  eventTypes: 'Event types',
  scopes: 'Scopes',
  permissions: 'Permissions',
  role: 'Role',
  customRoleId: 'Custom role',
  token: 'Invitation link',
  from: 'From',
  to: 'To',
  after: 'Cursor',
};

/** "input.defaultReceptionLimit" → "Default reception limit". */
export function fieldLabel(field: string): string {
  const last = field.split('.').pop() ?? field;
  return fieldLabels[last] ?? last;
}

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
  switch (code) {
    case 'FORBIDDEN':
      return { code, field, message: `You are not allowed to do this. ${detail}` };
    case 'CONFLICT':
      return { code, field, message: `Not possible right now: ${detail}` };
    case 'BAD_USER_INPUT':
      return {
        code,
        field,
        // The server writes whole sentences naming the field ("The name is required.").
        message: /^[A-Z]/.test(detail)
          ? detail
          : field
            ? `${fieldLabel(field)}: ${detail}`
            : `Check your input: ${detail}`,
      };
    case 'NOT_FOUND':
      return {
        code,
        field,
        message: `Not found — it may have been removed already. Reload to see the latest. (${detail})`,
      };
    case 'UNAUTHENTICATED':
      return { code, field, message: 'Your session ended. Sign in again.' };
    case 'RATE_LIMITED':
      return { code, field, message: `Too many requests. ${detail}` };
    case 'INTERNAL_SERVER_ERROR':
      return { code, field, message: 'The server failed to do this. Try again later.' };
    default:
      return { code, field, message: detail };
  }
}
