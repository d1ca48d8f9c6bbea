import { redactPii } from '@matrix/privacy';
import type { ScoredText } from '../scoring/sentiment-scorer';
import { redactScored } from './redact-scored';

function scoredOf(text: string, sentences: string[], aspects: string[]): ScoredText {
  const at = (part: string) => ({ start: text.indexOf(part), end: text.indexOf(part) + part.length });
  return {
    text,
    label: 'MIXED',
    score: 0,
    magnitude: 1,
    positiveProbability: 0.5,
    model: 'm',
    modelVersion: '1',
    sentences: sentences.map((s) => ({ text: s, ...at(s), label: 'NEUTRAL', score: 0 })),
    aspects: aspects.map((a) => ({ text: a, ...at(a), context: at(sentences.find((s) => s.includes(a)) ?? a), label: 'POSITIVE', score: 0.5 })),
  };
}

describe('redactScored', () => {
  it('stores the redacted text with sentence and aspect offsets that index it', () => {
    const text = 'Write to anna@example.com about it. The battery life is great! Card 4111 1111 1111 1111 was charged twice, bad support.';
    const scored = scoredOf(
      text,
      ['Write to anna@example.com about it.', 'The battery life is great!', 'Card 4111 1111 1111 1111 was charged twice, bad support.'],
      ['battery life', 'support'],
    );
    const stored = redactScored(scored, redactPii(text));
    expect(stored.text).toBe('Write to [email] about it. The battery life is great! Card [card] was charged twice, bad support.');
    for (const sentence of stored.sentences) expect(stored.text.slice(sentence.start, sentence.end)).toBe(sentence.text);
    expect(stored.sentences.map((s) => s.text)).toEqual([
      'Write to [email] about it.',
      'The battery life is great!',
      'Card [card] was charged twice, bad support.',
    ]);
    for (const aspect of stored.aspects ?? []) {
      expect(stored.text.slice(aspect.start, aspect.end)).toBe(aspect.text);
      expect(stored.text.slice(aspect.context.start, aspect.context.end)).toContain(aspect.text);
    }
    expect(stored.aspects?.map((a) => a.text)).toEqual(['battery life', 'support']);
    expect(stored.score).toBe(scored.score);
    expect(JSON.stringify(stored)).not.toMatch(/anna@|4111/);
  });

  it('keeps a text without PII as it is', () => {
    const scored = scoredOf('Great phone.', ['Great phone.'], ['phone']);
    expect(redactScored(scored, redactPii(scored.text))).toBe(scored);
  });
});
