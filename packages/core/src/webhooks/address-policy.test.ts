import { describe, expect, it } from 'vitest';
import { assertDeliverable, isPublicAddress, parseWebhookUrl } from './address-policy.js';

describe('webhook address policy', () => {
  it('refuses internal addresses of every kind', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254', // cloud metadata
      '100.64.0.1', // CGNAT
      '0.0.0.0',
      '224.0.0.1',
      '::1',
      'fc00::1',
      'fe80::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '::127.0.0.1', // IPv4-compatible, what http://[::127.0.0.1]/ becomes
      '::7f00:1',
      '::a00:1',
      '::',
      '64:ff9b::7f00:1', // NAT64
      '64:ff9b:1::a00:1', // local-use NAT64
      '2002:7f00:1::1', // 6to4
      '2001::1', // Teredo
      '::ffff:0:7f00:1', // rfc6145
      '0:0:0:0:0:ffff:169.254.169.254',
      '127.1', // not a dotted quad: never an address here
      'not-an-ip',
    ]) {
      expect(isPublicAddress(address), address).toBe(false);
    }
  });

  it('accepts public unicast addresses', () => {
    for (const address of ['93.184.216.34', '1.1.1.1', '2606:4700:4700::1111']) {
      expect(isPublicAddress(address), address).toBe(true);
    }
  });

  it('refuses a URL naming an internal address unless allowed', async () => {
    await expect(
      assertDeliverable(new URL('http://127.0.0.1:9/hook'), { allowPrivate: false }),
    ).rejects.toThrow(/internal address/);
    await expect(
      assertDeliverable(new URL('http://[::1]/hook'), { allowPrivate: false }),
    ).rejects.toThrow(/internal address/);
    await expect(
      assertDeliverable(new URL('http://localhost/hook'), { allowPrivate: false }),
    ).rejects.toThrow(/internal address/);
    for (const url of [
      'http://[::127.0.0.1]/hook',
      'http://[::ffff:127.0.0.1]/hook',
      'http://[::ffff:7f00:1]/hook',
      'http://[64:ff9b::127.0.0.1]/hook',
      'http://[::169.254.169.254]/hook',
    ]) {
      await expect(assertDeliverable(new URL(url), { allowPrivate: false }), url).rejects.toThrow(
        /internal address/,
      );
    }
    await expect(
      assertDeliverable(new URL('http://127.0.0.1:9/hook'), { allowPrivate: true }),
    ).resolves.toBeUndefined();
  });

  it('accepts only http(s) URLs without credentials', () => {
    expect(() => parseWebhookUrl('ftp://example.com')).toThrow(/http/);
    expect(() => parseWebhookUrl('https://user:pw@example.com')).toThrow(/credentials/);
    expect(() => parseWebhookUrl('nonsense')).toThrow(/not a URL/);
    expect(parseWebhookUrl('https://hooks.example.com/parley').hostname).toBe('hooks.example.com');
  });
});
