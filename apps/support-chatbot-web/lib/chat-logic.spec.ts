import type { Message } from '@matrix/chatbot-contract';
import { importContentType, intentLabel, mergeMessages, percent, reasonLabel, showsFeedbackButtons } from './chat-logic';

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
