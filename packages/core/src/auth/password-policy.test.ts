import { describe, expect, it } from 'vitest';
import { DEMO_LOGIN } from '../seed/seed-demo-workspace.js';
import { assertPasswordPolicy, passwordProblem } from './password-policy.js';

describe('the password policy', async () => {
  it('asks for at least 10 characters', async () => {
    expect(await passwordProblem('short-pw1')).toBe('Use at least 10 characters.');
    // Characters as people count them: 10 emoji are 20 UTF-16 units but 10 characters.
    expect(await passwordProblem('🔒'.repeat(9))).toBe('Use at least 10 characters.');
    expect(await passwordProblem('🔒'.repeat(10))).toBeNull();
  });

  it('refuses passwords from the common/breached list, in any case', async () => {
    for (const common of ['password123', 'qwertyuiop', '1234567890', 'PassWord123', 'iloveyou12']) {
      expect(await passwordProblem(common)).toBe('This password is too common; choose another.');
    }
  });

  it('accepts a long uncommon password and the demo password', async () => {
    expect(await passwordProblem('correct horse battery staple')).toBeNull();
    expect(await passwordProblem(DEMO_LOGIN.password)).toBeNull();
  });

  it('throws BAD_USER_INPUT naming the field', async () => {
    await expect(assertPasswordPolicy('password123', 'newPassword')).rejects.toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT', details: { field: 'newPassword' } }),
    );
  });
});
