/** Client-side checks that mirror the server's, so a form says what is wrong before sending. */

export type FieldErrors<K extends string> = Partial<Record<K, string>>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function validateEmail(value: string): string | null {
  const v = value.trim();
  if (v === '') return 'Email is required.';
  if (v.length > 320 || !EMAIL.test(v)) return 'Enter a valid email address.';
  return null;
}

/** Reception limits and the default one: whole numbers from 0 to 1000. */
export function validateReceptionLimit(value: string): string | null {
  const v = value.trim();
  if (v === '') return 'Enter a number.';
  if (!/^\d+$/.test(v)) return 'Use a whole number from 0 to 1000.';
  const n = Number(v);
  if (n > 1000) return 'At most 1000.';
  return null;
}

export function validateName(value: string, what = 'Name', max = 100): string | null {
  const v = value.trim();
  if (v === '') return `${what} is required.`;
  if (v.length > max) return `${what} must be at most ${max} characters.`;
  return null;
}

/** Length only; the server also refuses common passwords. */
/**
 * Only that a password was given: the policy (length, common passwords) is
 * the server's, and its refusal comes back under the field.
 */
export function validatePassword(value: string): string | null {
  return value === '' ? 'Enter a password.' : null;
}

/** Webhook endpoints: absolute http(s) URLs. The server decides about internal addresses. */
export function validateWebhookUrl(value: string): string | null {
  const v = value.trim();
  if (v === '') return 'URL is required.';
  if (v.length > 2000) return 'At most 2000 characters.';
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    return 'Enter a full URL, e.g. https://example.com/parley.';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'Use an http or https URL.';
  return null;
}

export function validateAtLeastOne(selected: readonly unknown[], what: string): string | null {
  return selected.length === 0 ? `Choose at least one ${what}.` : null;
}

/** The API token form. */
export function validateApiTokenForm(input: {
  name: string;
  scopes: readonly string[];
}): FieldErrors<'name' | 'scopes'> {
  const errors: FieldErrors<'name' | 'scopes'> = {};
  const name = validateName(input.name);
  if (name) errors.name = name;
  const scopes = validateAtLeastOne(input.scopes, 'scope');
  if (scopes) errors.scopes = scopes;
  return errors;
}

/** The webhook form. */
export function validateWebhookForm(input: {
  url: string;
  eventTypes: readonly string[];
}): FieldErrors<'url' | 'eventTypes'> {
  const errors: FieldErrors<'url' | 'eventTypes'> = {};
  const url = validateWebhookUrl(input.url);
  if (url) errors.url = url;
  const events = validateAtLeastOne(input.eventTypes, 'event type');
  if (events) errors.eventTypes = events;
  return errors;
}

/** The invitation acceptance form. */
export function validateAcceptForm(input: {
  name: string;
  password: string;
  confirm: string;
}): FieldErrors<'name' | 'password' | 'confirm'> {
  const errors: FieldErrors<'name' | 'password' | 'confirm'> = {};
  const name = validateName(input.name);
  if (name) errors.name = name;
  const password = validatePassword(input.password);
  if (password) errors.password = password;
  else if (input.confirm !== input.password) errors.confirm = 'The passwords do not match.';
  return errors;
}

export function hasErrors(errors: Readonly<Record<string, string | undefined>>): boolean {
  return Object.values(errors).some(Boolean);
}
