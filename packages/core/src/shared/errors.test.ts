import { describe, expect, it } from 'vitest';
import { DomainError, domainErrorOf } from './errors.js';

/** What drizzle throws: its own error wrapping the driver's, which carries the SQLSTATE. */
function wrapped(code: string): Error {
  const driver = Object.assign(new Error('could not extend file'), { code });
  return new Error('Failed query: insert into messages …', { cause: driver });
}

describe('domainErrorOf', () => {
  it('maps a full disk (53100, 53200, ENOSPC) to STORAGE_FULL, through wrappers', () => {
    for (const code of ['53100', '53200', 'ENOSPC']) {
      expect(domainErrorOf(wrapped(code))?.code).toBe('STORAGE_FULL');
    }
  });

  it('maps values the database cannot store to BAD_USER_INPUT', () => {
    expect(domainErrorOf(wrapped('22021'))?.code).toBe('BAD_USER_INPUT');
    expect(domainErrorOf(wrapped('22P02'))?.code).toBe('BAD_USER_INPUT');
  });

  it('leaves other failures unexpected, and domain errors as they are', () => {
    expect(domainErrorOf(wrapped('40001'))).toBeNull();
    expect(domainErrorOf(new Error('boom'))).toBeNull();
    const domain = new DomainError('CONFLICT', 'no');
    expect(domainErrorOf(domain)).toBe(domain);
  });
});
