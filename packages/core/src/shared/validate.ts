import type { z } from 'zod';
import { badInput } from './errors.js';

/** Parses input with a zod schema; failures become BAD_USER_INPUT naming the field. */
export function validate<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.join('.') || 'input';
  throw badInput(`${field}: ${issue?.message ?? 'invalid value'}`, { field });
}
