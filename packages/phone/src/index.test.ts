import { describe, expect, it } from 'vitest';
import { formatPhone, normalizePhone, phoneMatches, phoneQueryDigits } from './index';

describe('normalizePhone', () => {
  it('stores numbers in E.164', () => {
    expect(normalizePhone('+43 660 123 4567')).toBe('+436601234567');
    expect(normalizePhone(' +43 (0)660 123-4567 ')).toBe('+436601234567');
    expect(normalizePhone('+49 30 1234567')).toBe('+49301234567');
  });

  it('refuses what is not a valid international number', () => {
    expect(normalizePhone('0660 1234567')).toBeNull();
    expect(normalizePhone('+1 555 0100')).toBeNull();
    expect(normalizePhone('call me')).toBeNull();
    expect(normalizePhone('')).toBeNull();
  });
});

describe('phoneMatches (the issue: "4366012" must find "+43 660 123 4567")', () => {
  const stored = '+436601234567';

  it('matches a digits query anywhere in the E.164 digits', () => {
    expect(phoneMatches(stored, '4366012')).toBe(true);
    expect(phoneMatches(stored, '660 123')).toBe(true);
    expect(phoneMatches(stored, '+43 660')).toBe(true);
    expect(phoneMatches(stored, '999')).toBe(false);
  });

  it('normalizes a whole number written with its country code first', () => {
    expect(phoneQueryDigits('+43 (0)660 123 4567')).toBe('436601234567');
    expect(phoneMatches(stored, '+43 (0)660 123 4567')).toBe(true);
    expect(phoneMatches(stored, '+43 660 123 4567')).toBe(true);
  });

  it('matches older free-form stored numbers the same way', () => {
    expect(phoneMatches('+43 660 123 4567', '4366012')).toBe(true);
  });

  it('matches nothing without digits or without a phone', () => {
    expect(phoneMatches(stored, 'abc')).toBe(false);
    expect(phoneMatches(null, '43')).toBe(false);
  });
});

describe('formatPhone', () => {
  it('shows E.164 in international format, anything else as it is', () => {
    expect(formatPhone('+436601234567')).toBe('+43 660 1234567');
    expect(formatPhone('ask at the desk')).toBe('ask at the desk');
  });
});
