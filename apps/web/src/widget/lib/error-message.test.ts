import { describe, expect, it } from 'vitest';
import { widgetErrorMessage } from './error-message';

const graphQLError = (code: string, message = 'server says no') => ({
  graphQLErrors: [{ message, extensions: { code } }],
});

describe('widgetErrorMessage', () => {
  it('explains network failures', () => {
    expect(widgetErrorMessage({ networkError: new Error('down'), graphQLErrors: [] })).toMatch(
      /connection/,
    );
  });

  it('shows the server’s message for input, conflict and permission errors', () => {
    expect(widgetErrorMessage(graphQLError('BAD_USER_INPUT', 'body: is too long'))).toBe(
      'body: is too long',
    );
    expect(widgetErrorMessage(graphQLError('FORBIDDEN', 'The recall window has passed'))).toBe(
      'The recall window has passed',
    );
  });

  it('does not leak unexpected errors', () => {
    expect(widgetErrorMessage(graphQLError('INTERNAL_SERVER_ERROR', 'stack trace'))).toBe(
      'Something went wrong. Please try again.',
    );
    expect(widgetErrorMessage({ graphQLErrors: [] })).toBe(
      'Something went wrong. Please try again.',
    );
    expect(widgetErrorMessage(graphQLError('UNAUTHENTICATED'))).toMatch(/Reload/);
    expect(widgetErrorMessage(graphQLError('NOT_FOUND'))).toMatch(/no longer available/);
  });
});
