import { describe, expect, it } from 'vitest';
import { parseHostOrigin, readHostMessage } from './host-protocol';

const parent = { name: 'parent window' };
const expected = { origin: 'https://shop.example', source: parent };
const from = (data: unknown, origin = 'https://shop.example', source: unknown = parent) => ({
  data,
  origin,
  source,
});

describe('parseHostOrigin', () => {
  it('accepts exact http(s) origins', () => {
    expect(parseHostOrigin('https://shop.example')).toBe('https://shop.example');
    expect(parseHostOrigin('http://localhost:3000')).toBe('http://localhost:3000');
  });

  it('rejects anything that is not exactly an origin', () => {
    expect(parseHostOrigin(null)).toBeNull();
    expect(parseHostOrigin('')).toBeNull();
    expect(parseHostOrigin('https://shop.example/')).toBeNull();
    expect(parseHostOrigin('https://shop.example/path')).toBeNull();
    expect(parseHostOrigin('javascript:alert(1)')).toBeNull();
    expect(parseHostOrigin('*')).toBeNull();
    expect(parseHostOrigin('null')).toBeNull();
  });
});

describe('readHostMessage', () => {
  const page = {
    type: 'parley:page',
    url: 'https://shop.example/desks?utm_source=news',
    title: 'Desks',
    referrer: 'https://search.example/',
  };

  it('accepts a page view from the parent on the host origin', () => {
    expect(readHostMessage(from(page), expected)).toEqual(page);
  });

  it('accepts visibility changes', () => {
    expect(readHostMessage(from({ type: 'parley:visibility', open: true }), expected)).toEqual({
      type: 'parley:visibility',
      open: true,
    });
    expect(readHostMessage(from({ type: 'parley:visibility', open: 'yes' }), expected)).toBeNull();
  });

  it('rejects messages from another origin or another window', () => {
    expect(readHostMessage(from(page, 'https://evil.example'), expected)).toBeNull();
    expect(readHostMessage(from(page, expected.origin, { other: true }), expected)).toBeNull();
    expect(readHostMessage(from(page, expected.origin, null), expected)).toBeNull();
  });

  it('rejects a page URL on a different origin than the sender', () => {
    const foreign = { ...page, url: 'https://evil.example/' };
    expect(readHostMessage(from(foreign), expected)).toBeNull();
    expect(readHostMessage(from({ ...page, url: 'not a url' }), expected)).toBeNull();
  });

  it('ignores unknown or malformed data and normalises optional fields', () => {
    expect(readHostMessage(from('parley:page'), expected)).toBeNull();
    expect(readHostMessage(from(null), expected)).toBeNull();
    expect(readHostMessage(from({ type: 'parley:unknown' }), expected)).toBeNull();
    expect(
      readHostMessage(
        from({ type: 'parley:page', url: page.url, title: 42, referrer: '' }),
        expected,
      ),
    ).toEqual({ type: 'parley:page', url: page.url, title: null, referrer: null });
  });

  it('truncates an overlong title', () => {
    const message = readHostMessage(from({ ...page, title: 't'.repeat(2_000) }), expected);
    expect(message?.type === 'parley:page' && message.title?.length).toBe(500);
  });
});
