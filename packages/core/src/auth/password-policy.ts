// The one password policy, used wherever a person chooses a password (setup,
// sign-up, accepting an invitation, changing and resetting it). Length first,
// then the list of common passwords from real breaches that zxcvbn-ts ships
// (@zxcvbn-ts/language-common, ~49k entries; only those long enough to pass
// the length rule are kept).
import { dictionary } from '@zxcvbn-ts/language-common';
import { badInput } from '../shared/errors.js';

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 1024;

let common: ReadonlySet<string> | null = null;

function commonPasswords(): ReadonlySet<string> {
  common ??= new Set(
    dictionary['passwords-common']
      .filter((word) => word.length >= MIN_PASSWORD_LENGTH)
      .map((word) => word.toLowerCase()),
  );
  return common;
}

/** Why a new password is refused, or null when it is acceptable. */
export function passwordProblem(password: string): string | null {
  // Count characters as people see them, not UTF-16 units.
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (password.length > MAX_PASSWORD_LENGTH)
    return `Use at most ${MAX_PASSWORD_LENGTH} characters.`;
  if (commonPasswords().has(password.toLowerCase()))
    return 'This password is too common; choose another.';
  return null;
}

/** Throws BAD_USER_INPUT (naming the field) when the password breaks the policy. */
export function assertPasswordPolicy(password: string, field = 'password'): void {
  const problem = passwordProblem(password);
  if (problem) throw badInput(problem, { field });
}
