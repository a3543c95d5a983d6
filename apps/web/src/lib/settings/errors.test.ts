import { describe, expect, it } from 'vitest';
import { describeSettingsError, fieldLabel } from './errors';

const gql = (message: string, extensions: Record<string, unknown>) => ({
  graphQLErrors: [{ message, extensions }],
});

describe('describeSettingsError', () => {
  it('explains each code', () => {
    expect(describeSettingsError(gql('Nope.', { code: 'FORBIDDEN' }))).toEqual({
      code: 'FORBIDDEN',
      field: null,
      message: 'You are not allowed to do this. Nope.',
    });
    expect(
      describeSettingsError(gql('The last owner cannot be demoted.', { code: 'CONFLICT' })).message,
    ).toBe('Not possible right now: The last owner cannot be demoted.');
    expect(describeSettingsError(gql('x', { code: 'NOT_FOUND' })).message).toMatch(/Not found/);
  });

  it('names the field of a BAD_USER_INPUT', () => {
    const info = describeSettingsError(
      gql('must be at most 1000', { code: 'BAD_USER_INPUT', field: 'input.defaultReceptionLimit' }),
    );
    expect(info).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.defaultReceptionLimit',
      message: 'Default reception limit: must be at most 1000',
    });
    expect(describeSettingsError(gql('bad', { code: 'BAD_USER_INPUT' })).message).toBe(
      'Check your input: bad',
    );
    expect(fieldLabel('somethingElse')).toBe('somethingElse');
    expect(
      describeSettingsError(gql('The name is required.', { code: 'BAD_USER_INPUT', field: 'name' }))
        .message,
    ).toBe('The name is required.');
  });

  it('reports network failures', () => {
    expect(
      describeSettingsError({ networkError: new Error('x'), graphQLErrors: [] }).message,
    ).toMatch(/Cannot reach/);
  });
});
