// Errors are values with stable codes; the GraphQL layer copies `code` into
// `extensions.code` and the message to the client unchanged.
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  /** A per-visitor or per-channel budget is spent (`retryAfterSeconds` says when it refills). */
  | 'QUOTA_EXCEEDED'
  /** The server's disk is (nearly) full: writes are refused, reads still work. */
  | 'STORAGE_FULL';

export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
  }
}

export const badInput = (message: string, details?: Record<string, unknown>) =>
  new DomainError('BAD_USER_INPUT', message, details);
export const unauthenticated = (message = 'Sign in to do this.') =>
  new DomainError('UNAUTHENTICATED', message);
export const forbidden = (message = 'You do not have permission to do this.') =>
  new DomainError('FORBIDDEN', message);
export const notFound = (what: string) => new DomainError('NOT_FOUND', `${what} not found.`);

export const storageFull = () =>
  new DomainError(
    'STORAGE_FULL',
    'The server is out of storage space, so nothing new can be saved right now. Try again later; an administrator has to free or add disk space.',
  );

/** The SQLSTATE or system error code of `error` or of an error it wraps (drizzle wraps the driver's). */
export function errorCodeChain(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    current = (current as { cause?: unknown }).cause;
  }
  return codes;
}

// disk_full, out_of_memory (PostgreSQL), and the system's "no space left".
const STORAGE_CODES = new Set(['53100', '53200', 'ENOSPC']);
// Values PostgreSQL cannot store or parse: a bad input that slipped past validation.
const INPUT_CODES = new Set(['22021', '22P05', '22P02', '22001', '22003', '22007', '22008']);

/**
 * The domain error an unexpected database failure stands for, or null: the
 * last line of defence so bad input or a full disk never reads as an internal
 * error.
 */
export function domainErrorOf(error: unknown): DomainError | null {
  if (error instanceof DomainError) return error;
  const codes = errorCodeChain(error);
  if (codes.some((code) => STORAGE_CODES.has(code))) return storageFull();
  if (codes.some((code) => INPUT_CODES.has(code)))
    return new DomainError('BAD_USER_INPUT', 'A value in the input cannot be stored; check it.');
  return null;
}
