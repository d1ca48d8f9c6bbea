import type { Message } from '@matrix/chatbot-contract';
import {
  importContentType,
  intentLabel,
  mergeMessages,
  percent,
  readSavedChat,
  reasonLabel,
  SAVED_CHAT_KEY,
  saveChat,
  showsFeedbackButtons,
  visitorHeaders,
} from './chat-logic';

const message = (id: string, createdAt: string, extra: Partial<Message> = {}): Message => ({
  id,
  role: 'bot',
  text: id,
  status: 'answered',
  decision: 'answer',
  reason: null,
  intent: null,
  confidence: null,
  topIntents: null,
  citation: null,
  suggestions: null,
  feedback: null,
  agentName: null,
  createdAt,
  ...extra,
});

describe('chat web logic', () => {
  it('merges polled messages by id in time order, newer copies winning', () => {
    const merged = mergeMessages(
      [message('a', '2026-01-01T00:00:01Z'), message('b', '2026-01-01T00:00:03Z', { status: 'pending' })],
      [message('b', '2026-01-01T00:00:03Z'), message('c', '2026-01-01T00:00:02Z')],
    );
    expect(merged.map((m) => [m.id, m.status])).toEqual([
      ['a', 'answered'],
      ['c', 'answered'],
      ['b', 'answered'],
    ]);
  });

  it('shows the feedback buttons on unrated answers while the bot has the conversation', () => {
    expect(showsFeedbackButtons(message('a', 'x'), 'bot')).toBe(true);
    expect(showsFeedbackButtons(message('a', 'x', { feedback: 'resolved' }), 'bot')).toBe(false);
    expect(showsFeedbackButtons(message('a', 'x', { decision: 'handoff' }), 'bot')).toBe(false);
    expect(showsFeedbackButtons(message('a', 'x'), 'agent')).toBe(false);
  });

  it('words codes for people', () => {
    expect(reasonLabel('out_of_scope')).toBe('Out of scope');
    expect(reasonLabel('something_new')).toBe('something new');
    expect(intentLabel('reverted_card_payment?')).toBe('reverted card payment');
    expect(percent(0.456)).toBe('46%');
    expect(percent(null)).toBe('—');
  });

  it('picks the import content type from the file name', () => {
    expect(importContentType('faq.MD')).toBe('text/markdown');
    expect(importContentType('faq.csv')).toBe('text/csv');
    expect(importContentType('faq.json')).toBe('application/json');
    expect(importContentType('faq.pdf')).toBeNull();
  });
});

describe('the saved chat (conversation id + visitor token, per tab)', () => {
  const memory = () => {
    const items = new Map<string, string>();
    return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v), items };
  };

  it('round-trips the id and token under one key', () => {
    const storage = memory();
    saveChat(storage, { id: 'c1', token: 'tok' });
    expect([...storage.items.keys()]).toEqual([SAVED_CHAT_KEY]);
    expect(readSavedChat(storage)).toEqual({ id: 'c1', token: 'tok' });
  });

  it('reads nothing, an id alone (kept before tokens) or junk as no saved chat', () => {
    const storage = memory();
    expect(readSavedChat(storage)).toBeNull();
    storage.setItem(SAVED_CHAT_KEY, 'c1');
    expect(readSavedChat(storage)).toBeNull();
    storage.setItem(SAVED_CHAT_KEY, JSON.stringify({ id: 'c1' }));
    expect(readSavedChat(storage)).toBeNull();
  });

  it('sends the token as x-conversation-token, and nothing without one', () => {
    expect(visitorHeaders('tok')).toEqual({ 'x-conversation-token': 'tok' });
    expect(visitorHeaders(null)).toEqual({});
  });
});
