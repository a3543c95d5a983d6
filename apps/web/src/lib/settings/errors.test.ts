import { describe, expect, it } from 'vitest';
import { describeSettingsError } from './errors';

const gql = (message: string, extensions: Record<string, unknown>) => ({
  graphQLErrors: [{ message, extensions }],
});

describe('describeSettingsError', () => {
  it("shows the server's message as it is, without a code or field in front", () => {
    expect(describeSettingsError(gql('You may not do this.', { code: 'FORBIDDEN' }))).toEqual({
      code: 'FORBIDDEN',
      field: null,
      message: 'You may not do this.',
    });
    expect(
      describeSettingsError(gql('The last owner cannot be demoted.', { code: 'CONFLICT' })).message,
    ).toBe('The last owner cannot be demoted.');
    const info = describeSettingsError(
      gql('The URL must use https.', { code: 'BAD_USER_INPUT', field: 'input.url' }),
    );
    expect(info).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.url',
      message: 'The URL must use https.',
    });
    expect(info.message).not.toMatch(/^URL: |BAD_USER_INPUT/);
    expect(
      describeSettingsError(gql('Team member not found.', { code: 'NOT_FOUND' })).message,
    ).toBe('Team member not found. It may have been removed already; reload to see the latest.');
  });

  it('reports network failures', () => {
    expect(
      describeSettingsError({ networkError: new Error('x'), graphQLErrors: [] }).message,
    ).toMatch(/Cannot reach/);
  });
});
