/** The parts of urql's CombinedError the widget looks at. */
export type WidgetError = {
  networkError?: unknown;
  graphQLErrors: readonly { message: string; extensions: Readonly<Record<string, unknown>> }[];
};

/** A short, visitor-friendly notice for a failed operation (by `extensions.code`). */
export function widgetErrorMessage(error: WidgetError): string {
  if (error.networkError)
    return 'Can’t reach the chat right now. Check your connection and try again.';
  const [first] = error.graphQLErrors;
  switch (first?.extensions.code) {
    case 'BAD_USER_INPUT':
    case 'CONFLICT':
    case 'FORBIDDEN':
      return first.message;
    case 'NOT_FOUND':
      return 'This chat is no longer available.';
    case 'UNAUTHENTICATED':
      return 'Your chat session has expired. Reload the page to continue.';
    default:
      return 'Something went wrong. Please try again.';
  }
}
