import { describe, expect, it } from 'vitest';
import { newWebhookSecret, signPayload, verifySignature } from './signature.js';

describe('webhook signatures', () => {
  const secret = newWebhookSecret();
  const body = JSON.stringify({ type: 'MESSAGE_CREATED', id: '42' });

  it('verify for the signed body', () => {
    expect(verifySignature(secret, body, signPayload(secret, body))).toBe(true);
  });

  it('fail for another body, another secret or a forged header', () => {
    const header = signPayload(secret, body);
    expect(verifySignature(secret, `${body} `, header)).toBe(false);
    expect(verifySignature(newWebhookSecret(), body, header)).toBe(false);
    // Change the first hex digit of the MAC to a different one (never a no-op).
    const forged = header.replace(
      /v1=(.)/,
      (_, digit: string) => `v1=${digit === '0' ? '1' : '0'}`,
    );
    expect(forged).not.toBe(header);
    expect(verifySignature(secret, body, forged)).toBe(false);
    expect(verifySignature(secret, body, 'garbage')).toBe(false);
  });

  it('fail when replayed outside the tolerance', () => {
    const old = signPayload(secret, body, Math.floor(Date.now() / 1000) - 3_600);
    expect(verifySignature(secret, body, old)).toBe(false);
  });
});
