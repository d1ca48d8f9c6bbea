import { decideIntent, topIntents } from './intent-decision';

const labels = ['a', 'b', 'c'];
const rule = { threshold: 0.3, gap: 0.1 };

describe('intent decision (Rasa-style fallback)', () => {
  it('answers when the top intent is confident and clear of the second', () => {
    expect(decideIntent([0.7, 0.2, 0.1], labels, rule)).toMatchObject({ kind: 'answer', top: [{ intent: 'a', score: 0.7 }, { intent: 'b' }, { intent: 'c' }] });
  });

  it('hands off below the threshold', () => {
    expect(decideIntent([0.29, 0.28, 0.43 - 0.2], labels, rule)).toMatchObject({ kind: 'handoff', reason: 'low_confidence' });
  });

  it('asks to rephrase when the two best are closer than the gap', () => {
    expect(decideIntent([0.45, 0.4, 0.15], labels, rule)).toMatchObject({ kind: 'clarify', reason: 'ambiguous' });
    expect(decideIntent([0.5, 0.39, 0.11], labels, rule).kind).toBe('answer');
  });

  it('ranks the top intents', () => {
    expect(topIntents([0.1, 0.6, 0.3], labels, 2)).toEqual([
      { intent: 'b', score: 0.6 },
      { intent: 'c', score: 0.3 },
    ]);
  });
});
