import { describe, expect, it } from 'vitest';
import {
  hasErrors,
  validateAcceptForm,
  validateApiTokenForm,
  validateEmail,
  validateReceptionLimit,
  validateWebhookForm,
  validateWebhookUrl,
} from './validation';

describe('form validation', () => {
  it('checks emails', () => {
    expect(validateEmail(' sam@example.com ')).toBeNull();
    expect(validateEmail('')).toMatch(/required/);
    expect(validateEmail('sam@')).toMatch(/valid/);
  });

  it('checks reception limits (0–1000, whole numbers)', () => {
    expect(validateReceptionLimit('0')).toBeNull();
    expect(validateReceptionLimit('1000')).toBeNull();
    expect(validateReceptionLimit('1001')).toMatch(/1000/);
    expect(validateReceptionLimit('-1')).toMatch(/whole/);
    expect(validateReceptionLimit('2.5')).toMatch(/whole/);
    expect(validateReceptionLimit('')).toMatch(/number/);
  });

  it('checks webhook URLs', () => {
    expect(validateWebhookUrl('https://hooks.example.com/parley')).toBeNull();
    expect(validateWebhookUrl('http://127.0.0.1:9000/x')).toBeNull();
    expect(validateWebhookUrl('ftp://example.com')).toMatch(/http/);
    expect(validateWebhookUrl('example.com')).toMatch(/full URL/);
  });

  it('checks the token and webhook forms field by field', () => {
    expect(validateApiTokenForm({ name: ' ', scopes: [] })).toEqual({
      name: 'Name is required.',
      scopes: 'Choose at least one scope.',
    });
    expect(hasErrors(validateApiTokenForm({ name: 'CRM', scopes: ['READ'] }))).toBe(false);
    expect(validateWebhookForm({ url: 'https://x.io', eventTypes: [] })).toEqual({
      eventTypes: 'Choose at least one event type.',
    });
  });

  it('checks the invitation form', () => {
    expect(validateAcceptForm({ name: 'Sam', password: '', confirm: '' })).toEqual({
      password: 'Enter a password.',
    });
    // The password policy is the server's: a short one is not judged here.
    expect(
      hasErrors(validateAcceptForm({ name: 'Sam', password: 'short', confirm: 'short' })),
    ).toBe(false);
    expect(
      validateAcceptForm({ name: '', password: 'long enough!', confirm: 'different' }),
    ).toEqual({ name: 'Name is required.', confirm: 'The passwords do not match.' });
    expect(
      hasErrors(
        validateAcceptForm({ name: 'Sam', password: 'long enough!', confirm: 'long enough!' }),
      ),
    ).toBe(false);
  });
});
