// The one password policy, used wherever a person chooses a password (setup,
// sign-up, accepting an invitation, changing and resetting it). Length first,
// then the list of common passwords from real breaches that zxcvbn-ts ships
// (@zxcvbn-ts/language-common, ~49k entries; only those long enough to pass
// the length rule are kept).
import { badInput } from '../shared/errors.js';

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 1024;

let common: Promise<ReadonlySet<string>> | null = null;

/**
 * Loaded on first use: the package's dictionaries are 1.3 MB of code that a
 * server answering chats never needs until someone picks a password.
 */
function commonPasswords(): Promise<ReadonlySet<string>> {
  common ??= import('@zxcvbn-ts/language-common').then(
    ({ dictionary }) =>
      new Set(
        dictionary['passwords-common']
          .filter((word) => word.length >= MIN_PASSWORD_LENGTH)
          .map((word) => word.toLowerCase()),
      ),
  );
  return common;
}

/** Why a new password is refused, or null when it is acceptable. */
export async function passwordProblem(password: string): Promise<string | null> {
  // Count characters as people see them, not UTF-16 units.
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (password.length > MAX_PASSWORD_LENGTH)
    return `Use at most ${MAX_PASSWORD_LENGTH} characters.`;
  if ((await commonPasswords()).has(password.toLowerCase()))
    return 'This password is too common; choose another.';
  return null;
}

/** Throws BAD_USER_INPUT (naming the field) when the password breaks the policy. */
export async function assertPasswordPolicy(password: string, field = 'password'): Promise<void> {
  const problem = await passwordProblem(password);
  if (problem) throw badInput(problem, { field });
}
