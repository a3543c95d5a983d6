import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.js';
import { Id, validate } from './validate.js';

const Input = z.object({
  name: z.string(),
  body: z.string().min(1),
  count: z.number().max(3),
  id: Id,
  tags: z.array(z.string()).optional(),
});
const ok = { name: 'a', body: 'x', count: 1, id: '2b1e6e62-7d1c-4a8e-9a43-3f4f1c2f0b6e' };

function refusal(input: unknown): { message: string; field: unknown } {
  try {
    validate(Input, input);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'BAD_USER_INPUT')
      return { message: error.message, field: error.details?.field };
    throw error;
  }
  throw new Error('accepted');
}

describe('validate', () => {
  it('says what is wrong as a sentence naming the field', () => {
    expect(refusal({})).toEqual({ message: 'The name is required.', field: 'name' });
    expect(refusal({ ...ok, name: 5 }).message).toBe('The name must be a string.');
    expect(refusal({ ...ok, body: '' })).toEqual({
      message: 'The message must not be empty.',
      field: 'body',
    });
    expect(refusal({ ...ok, count: 9 }).message).toBe('The count must be at most 3.');
    expect(refusal({ ...ok, id: '' })).toEqual({
      message: 'The id is not a valid id.',
      field: 'id',
    });
  });

  it('refuses control characters in any string, however deep, but keeps tabs and newlines', () => {
    expect(refusal({ ...ok, body: 'a\u0000b' }).field).toBe('body');
    expect(refusal({ ...ok, tags: ['fine', 'bad\u001b'] }).field).toBe('tags.1');
    expect(validate(Input, { ...ok, body: 'line\n\tnext\r\n' }).body).toBe('line\n\tnext\r\n');
  });
});
