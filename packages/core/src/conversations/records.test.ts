import { describe, expect, it } from 'vitest';
import { previewOf } from './records.js';

describe('conversation preview', () => {
  it('flattens whitespace', () => {
    expect(previewOf('  hello\n\n  there\t!  ')).toBe('hello there !');
  });

  it('is bounded to 140 characters', () => {
    const preview = previewOf('x'.repeat(500));
    expect(preview).toHaveLength(140);
    expect(preview.endsWith('…')).toBe(true);
  });
});
