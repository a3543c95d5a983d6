import { describe, expect, it } from 'vitest';
import { isWorkbenchPath } from './workbench-paths';

describe('isWorkbenchPath', () => {
  it('holds the inbox, a conversation and every settings page', () => {
    for (const path of ['/', '/conversations/abc', '/settings', '/settings/team']) {
      expect(isWorkbenchPath(path), path).toBe(true);
    }
  });

  it('leaves out the pages used signed out or by visitors', () => {
    for (const path of ['/login', '/invite', '/widget', '/demo', '/settingsx', '/signup']) {
      expect(isWorkbenchPath(path), path).toBe(false);
    }
  });
});
