import { describe, expect, it } from 'vitest';
import { resumeVariables } from './resume-cursor';

describe('resumeVariables', () => {
  it('moves `after` to the cursor of the event just received', () => {
    expect(
      resumeVariables(
        { after: null },
        { workspaceEvents: { cursor: '42', type: 'MESSAGE_CREATED' } },
      ),
    ).toEqual({ after: '42' });
  });

  it('leaves subscriptions without an `after` variable or a cursor alone', () => {
    expect(resumeVariables({}, { workspaceEvents: { cursor: '1' } })).toBeNull();
    expect(resumeVariables({ after: '1' }, { somethingElse: { id: 'x' } })).toBeNull();
    expect(resumeVariables({ after: '1' }, null)).toBeNull();
  });
});
