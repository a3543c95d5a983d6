import { describe, expect, it } from 'vitest';
import { userAgentLabel } from './user-agent-label';

describe('userAgentLabel', () => {
  it('names common browsers and systems', () => {
    expect(
      userAgentLabel('Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0'),
    ).toBe('Firefox on Linux');
    expect(
      userAgentLabel(
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
      ),
    ).toBe('Chrome on macOS');
    expect(
      userAgentLabel(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
      ),
    ).toBe('Safari on iOS');
  });

  it('falls back to the raw string, shortened, or "Unknown device"', () => {
    expect(userAgentLabel('node')).toBe('node');
    expect(userAgentLabel(null)).toBe('Unknown device');
  });
});
