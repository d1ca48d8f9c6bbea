import { documentSentiment, labelForProbabilities, labelForScore, scoreFromProbabilities, withAspects } from './label-rules';

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

// With a three-class head (negative / neutral / positive) the sentence label is its argmax, the
// sentence score P(positive) − P(negative), and MIXED needs a sentence LABELLED positive with score ≥ 0.5
// and one LABELLED negative with score ≤ −0.5; otherwise the document label is the argmax of the
// length-weighted mean probabilities.
describe('label rules with a three-class head', () => {
  const p = (negative: number, neutral: number, positive: number) => ({ negative, neutral, positive });

  it('labels a sentence by the most probable class, neutral winning ties', () => {
    expect(labelForProbabilities(p(0.1, 0.6, 0.3))).toBe('NEUTRAL');
    expect(labelForProbabilities(p(0.5, 0.1, 0.4))).toBe('NEGATIVE');
    expect(labelForProbabilities(p(0.2, 0.3, 0.5))).toBe('POSITIVE');
    expect(labelForProbabilities(p(0.35, 0.35, 0.3))).toBe('NEUTRAL');
  });

  it('is MIXED with a clearly positive and a clearly negative sentence', () => {
    const result = documentSentiment([
      { text: 'The staff were lovely.', score: 0.8, label: 'POSITIVE', probabilities: p(0.05, 0.1, 0.85) },
      { text: 'Breakfast was cold.', score: -0.7, label: 'NEGATIVE', probabilities: p(0.8, 0.1, 0.1) },
    ]);
    expect(result.label).toBe('MIXED');
  });

  it('is not MIXED when the negative sentence is only mildly negative', () => {
    const result = documentSentiment([
      { text: 'The staff were lovely.', score: 0.8, label: 'POSITIVE', probabilities: p(0.05, 0.1, 0.85) },
      { text: 'Breakfast was so-so.', score: -0.3, label: 'NEGATIVE', probabilities: p(0.45, 0.4, 0.15) },
    ]);
    expect(result.label).toBe('POSITIVE'); // mean probabilities: positive ≈ 0.51
  });

  it('is NEUTRAL when the neutral class dominates, even with a slightly positive score', () => {
    const result = documentSentiment([{ text: 'We checked out at noon.', score: 0.1, label: 'NEUTRAL', probabilities: p(0.15, 0.6, 0.25) }]);
    expect(result).toEqual({ label: 'NEUTRAL', score: 0.1, magnitude: 0.1 });
  });

  it('uses the length-weighted mean of the probabilities for the document label', () => {
    // 40 characters neutral (0.7) and 10 characters positive (0.9): neutral 0.2·0.9·… → neutral wins.
    const result = documentSentiment([
      { text: 'n'.repeat(40), score: 0.1, label: 'NEUTRAL', probabilities: p(0.1, 0.7, 0.2) },
      { text: 'p'.repeat(10), score: 0.85, label: 'POSITIVE', probabilities: p(0.03, 0.07, 0.9) },
    ]);
    // neutral (40·0.7 + 10·0.07)/50 = 0.574; positive (40·0.2 + 10·0.9)/50 = 0.34
    expect(result.label).toBe('NEUTRAL');
  });
});

describe('MIXED from aspects (targeted sentiment)', () => {
  it('makes a document MIXED when one aspect is labelled POSITIVE and another NEGATIVE', () => {
    const doc = { label: 'NEGATIVE' as const, score: -0.3 };
    expect(withAspects(doc, [{ label: 'POSITIVE' }, { label: 'NEGATIVE' }]).label).toBe('MIXED');
    // Praised and merely mentioned: the document keeps its label.
    expect(withAspects(doc, [{ label: 'POSITIVE' }, { label: 'NEUTRAL' }]).label).toBe('NEGATIVE');
    expect(withAspects(doc, []).label).toBe('NEGATIVE');
  });
});
