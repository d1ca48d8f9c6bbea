import { documentSentiment, labelForScore, scoreFromProbabilities } from './label-rules';

// Rules from the product brief: sentence score = 2p − 1; POSITIVE ≥ 0.25, NEGATIVE ≤ −0.25, else
// NEUTRAL; document score = length-weighted mean; magnitude = Σ|score|; MIXED = a sentence ≥ 0.5
// and one ≤ −0.5.
describe('label rules', () => {
  it('maps the binary head’s P(positive) to 2p − 1', () => {
    expect(scoreFromProbabilities(0.9, 0.1)).toBeCloseTo(0.8, 12);
    expect(scoreFromProbabilities(0.5, 0.5)).toBe(0);
    expect(scoreFromProbabilities(0.125, 0.875)).toBe(-0.75);
  });

  it('labels sentences at the ±0.25 thresholds (inclusive)', () => {
    expect(labelForScore(0.25)).toBe('POSITIVE'); // p = 0.625
    expect(labelForScore(0.2499)).toBe('NEUTRAL');
    expect(labelForScore(-0.2499)).toBe('NEUTRAL');
    expect(labelForScore(-0.25)).toBe('NEGATIVE'); // p = 0.375
  });

  it('weights the document score by sentence length and sums magnitudes', () => {
    // 30 characters at +0.8 and 10 at −0.4: (30·0.8 − 10·0.4) / 40 = 0.5; magnitude 1.2.
    const result = documentSentiment([
      { text: 'x'.repeat(30), score: 0.8 },
      { text: 'y'.repeat(10), score: -0.4 },
    ]);
    expect(result.score).toBeCloseTo(0.5, 12);
    expect(result.magnitude).toBeCloseTo(1.2, 12);
    expect(result.label).toBe('POSITIVE');
  });

  it('is MIXED with a strongly positive and a strongly negative sentence, whatever the mean', () => {
    const result = documentSentiment([
      { text: 'The acting was superb.', score: 0.9 },
      { text: 'The plot was a mess.', score: -0.7 },
    ]);
    expect(result.label).toBe('MIXED');
    // (22·0.9 − 20·0.7) / 42 = 5.8 / 42
    expect(result.score).toBeCloseTo(5.8 / 42, 12);
  });

  it('is not MIXED when the negative side is only mild: the mean decides', () => {
    expect(
      documentSentiment([
        { text: 'aaaa', score: 0.9 },
        { text: 'bbbb', score: -0.49 },
      ]).label,
    ).toBe('NEUTRAL'); // mean 0.205
  });

  it('is NEUTRAL with zero magnitude for no sentences', () => {
    expect(documentSentiment([])).toEqual({ label: 'NEUTRAL', score: 0, magnitude: 0 });
  });
});
