import { readFileSync } from 'node:fs';
import { buildSchema, validate, type DocumentNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import * as generated from '../generated/graphql';

const schema = buildSchema(
  readFileSync(new URL('../../../../schema.graphql', import.meta.url), 'utf8'),
);

const documents = Object.entries(generated).filter(
  (entry): entry is [string, DocumentNode] =>
    entry[0].endsWith('Document') &&
    typeof entry[1] === 'object' &&
    entry[1] !== null &&
    'kind' in entry[1] &&
    entry[1].kind === 'Document',
);

describe('generated operations', () => {
  it('finds the operations', () => {
    expect(documents.map(([name]) => name)).toEqual(
      expect.arrayContaining([
        'ConversationsDocument',
        'WorkspaceEventsDocument',
        'TypingDocument',
      ]),
    );
  });

  // Catches what only the server would otherwise report, e.g. a fragment
  // embedded twice through two other fragments ("only one fragment named …").
  it.each(documents)('%s is valid against schema.graphql as sent', (_name, document) => {
    expect(validate(schema, document).map((error) => error.message)).toEqual([]);
  });

  it('never asks for unreadCount in the live event stream', () => {
    const printed = JSON.stringify(generated.WorkspaceEventsDocument);
    expect(printed).not.toContain('unreadCount');
  });
});
