import { chooseIntentWeight } from './intent-weights';

describe('chooseIntentWeight', () => {
  const labels = ['a', 'b'];
  const rule = { threshold: 0.3, gap: 0.1 };

  it('picks the USE weight with the best held-out accuracy and reports the grid, members and decision rule there', () => {
    // Row 0 (label a): USE right, n-grams wrong. Row 1 (label b): USE wrong but unsure, n-grams right and sure.
    const use = { heldOut: Float32Array.from([0.9, 0.1, 0.55, 0.45]) };
    const ngram = { heldOut: Float32Array.from([0.4, 0.6, 0.0, 1.0]) };
    const choice = chooseIntentWeight([use, ngram], [0, 1], labels, rule);
    expect(choice.accuracy).toBe(1);
    expect(choice.memberAccuracy).toEqual([0.5, 0.5]);
    expect(choice.grid).toHaveLength(21);
    expect(choice.grid.map((g) => g.weight)).toEqual(Array.from({ length: 21 }, (_, i) => i / 20));
    // Ties go to the weight nearest 0.5.
    expect(choice.weight).toBe(0.5);
    // At 0.5: row 0 = [0.65, 0.35] (answer a), row 1 = [0.275, 0.725] (answer b).
    expect([choice.notAnsweredRate, choice.answeredAccuracy]).toEqual([0, 1]);
  });
});
