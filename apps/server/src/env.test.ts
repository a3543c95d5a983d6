import { describe, expect, it } from 'vitest';
import { loadConfig } from './env.js';

describe('configuration of accounts', () => {
  it('seeds the demo by default, except under NODE_ENV=production', () => {
    expect(loadConfig({}).seedDemo).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test' }).seedDemo).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production' }).seedDemo).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', PARLEY_SEED_DEMO: 'true' }).seedDemo).toBe(true);
    expect(loadConfig({ PARLEY_SEED_DEMO: 'false' }).seedDemo).toBe(false);
  });

  it('keeps public sign-up off unless PARLEY_SIGNUP=true', () => {
    expect(loadConfig({}).signUpEnabled).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production' }).signUpEnabled).toBe(false);
    expect(loadConfig({ PARLEY_SIGNUP: 'true' }).signUpEnabled).toBe(true);
    expect(() => loadConfig({ PARLEY_SIGNUP: 'yes' })).toThrow(/PARLEY_SIGNUP/);
  });
});
