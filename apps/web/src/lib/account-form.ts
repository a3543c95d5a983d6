import type { CombinedError } from 'urql';

/**
 * Splits a server error over a form: a BAD_USER_INPUT or CONFLICT naming one of
 * the form's fields goes under that field (its message without the "field: "
 * prefix zod adds); anything else stays for the banner.
 */
export function fieldErrorFrom<K extends string>(
  error: CombinedError | null | undefined,
  fields: readonly K[],
): { field: K; message: string } | null {
  const first = error?.graphQLErrors[0];
  if (!first) return null;
  const code = first.extensions.code;
  if (code !== 'BAD_USER_INPUT' && code !== 'CONFLICT') return null;
  const named = typeof first.extensions.field === 'string' ? first.extensions.field : null;
  const field = fields.find((f) => f === named?.split('.').pop());
  if (!field) return null;
  const prefix = `${named}: `;
  const message = first.message.startsWith(prefix)
    ? sentence(first.message.slice(prefix.length))
    : first.message;
  return { field, message };
}

function sentence(text: string): string {
  const trimmed = text.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}
