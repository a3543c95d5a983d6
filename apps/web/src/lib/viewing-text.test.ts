import { describe, expect, it } from 'vitest';
import { viewingText } from './viewing-text';

describe('viewingText', () => {
  it('names who else has the conversation open', () => {
    expect(viewingText(['Lee'])).toBe('Lee is viewing');
    expect(viewingText(['Lee', 'Sam', 'Ada'])).toBe('Lee, Sam and Ada are viewing');
  });
});
