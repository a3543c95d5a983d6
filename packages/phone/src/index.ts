// One phone-number rule for the server (storage, the inbox filter) and the
// workbench (its live list filter), so the two cannot disagree. Pure: it
// depends on libphonenumber-js only (the "min" metadata, ~80 KB).
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

/**
 * A phone number in E.164 (`+436601234567`), or null when the input is not a
 * valid number. Numbers are stored with their country code, so the input
 * must carry it (`+43 660 123 4567`, `+43 (0)660 1234567`); a national
 * number without one (`0660 1234567`) is ambiguous and refused.
 */
export function normalizePhone(input: string): string | null {
  const parsed = parsePhoneNumberFromString(input.trim());
  if (!parsed?.isValid()) return null;
  return parsed.number;
}

/** Readable form for display: `+43 660 1234567`; anything unparsable as it is. */
export function formatPhone(phone: string): string {
  return parsePhoneNumberFromString(phone)?.formatInternational() ?? phone;
}

/**
 * The digits a phone filter looks for: a whole number written with its
 * country code (`+43 660 123 4567`, `+43 (0)660…`) is normalized to E.164
 * first; anything else (`4366012`, `660 123`, `+43 660`) is its digits.
 * Empty when the query has no digits (it then matches no number).
 */
export function phoneQueryDigits(query: string): string {
  const trimmed = query.trim();
  if (trimmed.includes('+')) {
    const whole = normalizePhone(trimmed);
    if (whole) return whole.slice(1);
  }
  return trimmed.replace(/\D/g, '');
}

/** The digits of a stored number (E.164, or an older free-form one). */
export function phoneDigits(phone: string): string {
  return phone.replace(/\D/g, '');
}

/**
 * Whether a visitor's phone matches a filter query: the query's digits are a
 * substring of the E.164 digits (`4366012` and `+43 660 123 4567` both find
 * `+436601234567`). The server runs the same rule in SQL on
 * `phoneQueryDigits(query)`.
 */
export function phoneMatches(phone: string | null | undefined, query: string): boolean {
  if (phone == null) return false;
  const wanted = phoneQueryDigits(query);
  if (wanted === '') return false;
  const stored = normalizePhone(phone) ?? phone;
  return phoneDigits(stored).includes(wanted);
}
