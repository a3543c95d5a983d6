import { describe, expect, it } from 'vitest';
import { inboxUrl, parseInboxUrl, type InboxLocation } from './inbox-url';

const ID = '6f1d2c3b-0000-4000-8000-000000000001';
const empty: InboxLocation = { conversationId: null, view: null, filter: {}, search: '' };

describe('parseInboxUrl', () => {
  it('reads the open conversation from /conversations/<id>', () => {
    expect(parseInboxUrl(`/conversations/${ID}`, '')).toEqual({ ...empty, conversationId: ID });
    expect(parseInboxUrl(`/conversations/${ID}/`, '').conversationId).toBe(ID);
    expect(parseInboxUrl('/', '')).toEqual(empty);
    expect(parseInboxUrl('/conversations/', '').conversationId).toBeNull();
  });

  it('reads the view and every filter from the query string', () => {
    const location = parseInboxUrl(
      `/conversations/${ID}`,
      '?view=UNREAD&tag=t2&tag=t1&phone=%2B43+660&email=mina%40&from=2025-06-01T00:00:00.000Z&to=2025-06-30T00:00:00.000Z&channel=EMAIL&channel=WEBSITE&q=okafor',
    );
    expect(location).toEqual({
      conversationId: ID,
      view: 'UNREAD',
      filter: {
        tagIds: ['t1', 't2'],
        phone: '+43 660',
        email: 'mina@',
        lastReplyFrom: '2025-06-01T00:00:00.000Z',
        lastReplyTo: '2025-06-30T00:00:00.000Z',
        channels: ['EMAIL', 'WEBSITE'],
      },
      search: 'okafor',
    });
  });

  it('leaves out what it does not know instead of failing', () => {
    expect(parseInboxUrl('/', '?view=NOPE&channel=FAX&from=yesterday&tag=&q=%20')).toEqual(empty);
    expect(parseInboxUrl('/', '?view=mine').view).toBe('MINE');
    expect(parseInboxUrl('/conversations/%E0%A4%A', '').conversationId).toBeNull();
  });
});

describe('inboxUrl', () => {
  it('writes / or /conversations/<id> with the query string in a fixed order', () => {
    expect(inboxUrl(empty)).toBe('/');
    expect(inboxUrl({ ...empty, conversationId: ID })).toBe(`/conversations/${ID}`);
    expect(
      inboxUrl({
        conversationId: ID,
        view: 'ALL',
        filter: { tagIds: ['b', 'a'], phone: ' 4366012 ', channels: ['WEBSITE', 'EMAIL'] },
        search: 'mina',
      }),
    ).toBe(
      `/conversations/${ID}?view=ALL&tag=a&tag=b&phone=4366012&channel=EMAIL&channel=WEBSITE&q=mina`,
    );
  });

  it('round-trips: what it writes reads back the same', () => {
    const location: InboxLocation = {
      conversationId: ID,
      view: 'HISTORY',
      filter: {
        tagIds: ['t1'],
        phone: '+43 660 123 4567',
        email: 'a&b@example.com',
        lastReplyFrom: '2025-06-01T00:00:00.000Z',
        channels: ['TELEGRAM'],
      },
      search: 'a?b#c',
    };
    const url = new URL(inboxUrl(location), 'http://parley.test');
    expect(parseInboxUrl(url.pathname, url.search)).toEqual(location);
  });
});
