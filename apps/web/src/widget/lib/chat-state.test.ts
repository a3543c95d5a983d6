import { describe, expect, it } from 'vitest';
import {
  chatReducer,
  emptyChat,
  pickConversation,
  type ChatMessage,
  type ChatState,
  type ConversationState,
  type VisitorEvent,
} from './chat-state';

const conversation = (overrides: Partial<ConversationState> = {}): ConversationState => ({
  id: 'c1',
  status: 'ASSIGNED',
  lastActivityAt: '2025-05-01T10:00:00.000Z',
  assigneeName: 'Dana',
  agentLastReadSeq: 0,
  visitorLastReadSeq: 0,
  ...overrides,
});

const message = (seq: number, overrides: Partial<ChatMessage> = {}): ChatMessage => ({
  id: `m${seq}`,
  conversationId: 'c1',
  seq,
  senderType: 'VISITOR',
  senderName: null,
  body: `message ${seq}`,
  recalledAt: null,
  createdAt: '2025-05-01T10:00:00.000Z',
  ...overrides,
});

const event = (overrides: Partial<VisitorEvent>): VisitorEvent => ({
  cursor: '1',
  type: 'MESSAGE_CREATED',
  conversationId: 'c1',
  conversation: null,
  message: null,
  ...overrides,
});

const loaded = (messages: ChatMessage[], state: ChatState = emptyChat) =>
  chatReducer(state, { type: 'loaded', conversation: conversation(), messages });

describe('pickConversation', () => {
  it('prefers the most recent open conversation', () => {
    expect(
      pickConversation([
        { id: 'old-open', status: 'ASSIGNED', lastActivityAt: '2025-01-01T00:00:00Z' },
        { id: 'new-resolved', status: 'RESOLVED', lastActivityAt: '2025-03-01T00:00:00Z' },
        { id: 'new-open', status: 'ROBOT', lastActivityAt: '2025-02-01T00:00:00Z' },
      ]),
    ).toBe('new-open');
  });

  it('falls back to the most recent resolved one, or none', () => {
    expect(
      pickConversation([
        { id: 'a', status: 'RESOLVED', lastActivityAt: '2025-01-01T00:00:00Z' },
        { id: 'b', status: 'RESOLVED', lastActivityAt: '2025-02-01T00:00:00Z' },
      ]),
    ).toBe('b');
    expect(pickConversation([])).toBeNull();
  });
});

describe('chatReducer', () => {
  it('loads a conversation and keeps messages in seq order without duplicates', () => {
    let state = loaded([message(2), message(1)]);
    expect(state.conversationId).toBe('c1');
    state = chatReducer(state, { type: 'event', event: event({ message: message(3) }) });
    state = chatReducer(state, { type: 'event', event: event({ message: message(3) }) });
    state = loaded([message(1), message(2), message(3)], state);
    expect(state.messages.map((m) => m.seq)).toEqual([1, 2, 3]);
  });

  it('adopts the conversation of the visitor’s first message', () => {
    const state = chatReducer(emptyChat, { type: 'message', message: message(1) });
    expect(state.conversationId).toBe('c1');
    expect(state.conversation).toBeNull();
    expect(state.messages).toHaveLength(1);
  });

  it('keeps a recall even when an older copy of the message arrives later', () => {
    const recalled = message(1, { body: '', recalledAt: '2025-05-01T10:01:00.000Z' });
    let state = chatReducer(loaded([message(1)]), {
      type: 'event',
      event: event({ type: 'MESSAGE_RECALLED', message: recalled }),
    });
    state = loaded([message(1)], state);
    expect(state.messages[0]).toMatchObject({ body: '', recalledAt: recalled.recalledAt });
  });

  it('moves read positions forward only', () => {
    let state = chatReducer(loaded([]), {
      type: 'event',
      event: event({
        type: 'CONVERSATION_READ',
        conversation: conversation({ agentLastReadSeq: 4 }),
      }),
    });
    state = chatReducer(state, {
      type: 'conversation',
      conversation: conversation({ agentLastReadSeq: 2, status: 'RESOLVED' }),
    });
    expect(state.conversation).toMatchObject({ agentLastReadSeq: 4, status: 'RESOLVED' });
  });

  it('ignores events without a conversation and state changes of other conversations', () => {
    const state = loaded([message(1)]);
    expect(
      chatReducer(state, {
        type: 'event',
        event: event({ type: 'VISITOR_PAGE_VIEWED', conversationId: '' }),
      }),
    ).toBe(state);
    expect(
      chatReducer(state, {
        type: 'event',
        event: event({
          type: 'CONVERSATION_STATUS_CHANGED',
          conversationId: 'c0',
          conversation: conversation({ id: 'c0' }),
        }),
      }),
    ).toBe(state);
    expect(
      chatReducer(state, { type: 'conversation', conversation: conversation({ id: 'c0' }) }),
    ).toBe(state);
  });

  it('switches to another conversation when a new message arrives there', () => {
    const state = chatReducer(loaded([message(1)]), {
      type: 'event',
      event: event({
        conversationId: 'c2',
        message: message(1, { id: 'x1', conversationId: 'c2', senderType: 'AGENT' }),
      }),
    });
    expect(state.conversationId).toBe('c2');
    expect(state.messages.map((m) => m.id)).toEqual(['x1']);
  });

  it('does not let a stale snapshot of another conversation replace the shown one', () => {
    const state = loaded([message(1)]);
    const other = chatReducer(state, {
      type: 'loaded',
      conversation: conversation({ id: 'c9' }),
      messages: [],
    });
    expect(other).toBe(state);
    expect(chatReducer(state, { type: 'select', conversationId: 'c9' })).toBe(state);
  });
});
