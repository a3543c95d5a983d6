import { describe, expect, it } from 'vitest';
import { resolveWebSocketUrl } from './websocket-url';

describe('resolveWebSocketUrl', () => {
  it('uses the page origin, upgrading the scheme', () => {
    expect(resolveWebSocketUrl({ protocol: 'http:', host: 'localhost:3000' })).toBe(
      'ws://localhost:3000/graphql',
    );
    expect(resolveWebSocketUrl({ protocol: 'https:', host: 'inbox.example.com' })).toBe(
      'wss://inbox.example.com/graphql',
    );
  });

  it('prefers an explicit endpoint', () => {
    expect(
      resolveWebSocketUrl({ protocol: 'https:', host: 'a.example' }, 'wss://api.example/graphql'),
    ).toBe('wss://api.example/graphql');
  });
});
