// The server's logger. Logs never hold message bodies, passwords or tokens:
// errors are serialized to their type, code and a message with SQL text and
// quoted values cut (postgres.js and drizzle errors carry the query and its
// parameters, and drizzle puts both in the message), and fields that could
// carry input are redacted wherever they appear.
import { pino, type DestinationStream, type Logger } from 'pino';

const REDACTED_KEYS = [
  'password',
  'newPassword',
  'currentPassword',
  'token',
  'authorization',
  'cookie',
  'body',
  'variables',
  'parameters',
  'params',
  'query',
  'input',
];

export interface SafeError {
  type: string;
  message: string;
  code?: string;
  stack?: string;
  cause?: SafeError;
}

/** What a log line may say about an error. */
export function safeMessage(message: string): string {
  // drizzle: "Failed query: <sql>\nparams: <values>".
  if (message.startsWith('Failed query')) return 'Failed query (text and parameters withheld)';
  // PostgreSQL quotes the offending value ('invalid input syntax for type uuid: "…"').
  return message.replace(/"[^"]*"/g, '"…"').replace(/\(([^)]*)\)=\(([^)]*)\)/g, '($1)=(…)');
}

export function serializeError(error: unknown, depth = 0): SafeError {
  if (!(error instanceof Error)) {
    return { type: typeof error, message: '(not an Error)' };
  }
  const message = safeMessage(error.message);
  const code = (error as { code?: unknown }).code;
  const cause = (error as { cause?: unknown }).cause;
  // The stack repeats the message first: keep only the frames.
  const frames = error.stack
    ?.split('\n')
    .filter((line) => line.trimStart().startsWith('at '))
    .join('\n');
  return {
    type: error.constructor.name || error.name,
    message,
    ...(typeof code === 'string' ? { code } : {}),
    ...(frames ? { stack: `${error.name}: ${message}\n${frames}` } : {}),
    ...(cause !== undefined && depth < 3 ? { cause: serializeError(cause, depth + 1) } : {}),
  };
}

export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'parley-server' },
    serializers: { err: serializeError, error: serializeError },
    redact: {
      paths: [...REDACTED_KEYS, ...REDACTED_KEYS.map((key) => `*.${key}`)],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
