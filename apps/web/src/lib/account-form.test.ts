import { CombinedError } from 'urql';
import { describe, expect, it } from 'vitest';
import { fieldErrorFrom } from './account-form';

const error = (message: string, extensions: Record<string, unknown>) =>
  new CombinedError({ graphQLErrors: [{ message, extensions }] });

describe('fieldErrorFrom', () => {
  it('puts a policy message under the field it names', () => {
    expect(
      fieldErrorFrom(
        error('This password is too common; choose another.', {
          code: 'BAD_USER_INPUT',
          field: 'newPassword',
        }),
        ['newPassword', 'confirm'],
      ),
    ).toEqual({ field: 'newPassword', message: 'This password is too common; choose another.' });
  });

  it('drops the "field: " prefix of validation messages', () => {
    expect(
      fieldErrorFrom(
        error('email: is not an email address', { code: 'BAD_USER_INPUT', field: 'email' }),
        ['email'],
      ),
    ).toEqual({ field: 'email', message: 'Is not an email address.' });
  });

  it('leaves other errors to the banner', () => {
    expect(
      fieldErrorFrom(error('Sign-up is disabled', { code: 'FORBIDDEN' }), ['email']),
    ).toBeNull();
    expect(
      fieldErrorFrom(error('x', { code: 'BAD_USER_INPUT', field: 'token' }), ['email']),
    ).toBeNull();
  });
});
