// Input validation in one place. Every operation parses its input here: any
// string anywhere in it is first checked for control characters (a NUL byte
// would otherwise reach PostgreSQL and fail there), then the zod schema runs.
// Failures are BAD_USER_INPUT with `field` and a sentence a person can act on.
import { z } from 'zod';
import { badInput, type DomainError } from './errors.js';

/** Every id Parley hands out. */
export const Id = z.uuid('is not a valid id');

// C0 controls other than tab, line feed and carriage return, and DEL.
// eslint-disable-next-line no-control-regex
const DISALLOWED = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

const LABELS: Readonly<Record<string, string>> = {
  body: 'message',
  email: 'email address',
  url: 'URL',
  id: 'id',
  after: 'cursor',
};

/** "The message must not be empty.", naming `field` in extensions. */
export function fieldError(field: string, problem: string): DomainError {
  const key =
    field
      .split('.')
      .filter((part) => !/^\d+$/.test(part))
      .at(-1) ?? 'input';
  const label = LABELS[key] ?? key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return badInput(`The ${label} ${problem.replace(/\.$/, '')}.`, { field });
}

/** The path of the first string holding a disallowed character, or null. */
function disallowedAt(value: unknown, path: string[], depth = 0): string[] | null {
  if (typeof value === 'string') return DISALLOWED.test(value) ? path : null;
  if (depth > 20 || value === null || typeof value !== 'object') return null;
  for (const [key, item] of Object.entries(value)) {
    const found = disallowedAt(item, [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
}

/** Rejects control characters (NUL and the like) in any string of `input`. */
export function assertPlainText(input: unknown): void {
  const path = disallowedAt(input, []);
  if (path) {
    throw fieldError(path.join('.') || 'input', 'must not contain control characters');
  }
}

function problemOf(issue: z.core.$ZodIssue): string {
  // Our own messages are written to follow the field's name.
  if (/^[a-z]/.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      // zod reports the received type only in its message ("…, received undefined").
      return /received (undefined|null)/.test(issue.message)
        ? 'is required'
        : `must be a ${issue.expected}`;
    case 'too_small':
      return issue.origin === 'string'
        ? Number(issue.minimum) <= 1
          ? 'must not be empty'
          : `must be at least ${issue.minimum} characters`
        : `must be at least ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'string'
        ? `must be at most ${issue.maximum} characters`
        : `must be at most ${issue.maximum}`;
    case 'invalid_format':
      return `is not a valid ${issue.format}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map(String).join(', ')}`;
    default:
      return 'is not valid';
  }
}

/** Parses input with a zod schema; failures become BAD_USER_INPUT naming the field. */
export function validate<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  assertPlainText(input);
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.join('.') || 'input';
  throw fieldError(field, issue ? problemOf(issue) : 'is not valid');
}
