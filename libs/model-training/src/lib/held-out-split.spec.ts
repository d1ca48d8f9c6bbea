import { heldOutSplit, sentenceHeldOutSplit, takeRows } from './held-out-split';

describe('heldOutSplit', () => {
  it('holds out the given fraction, disjoint from train, covering every row', () => {
    const split = heldOutSplit(1000, 0.05, 42);
    expect(split.heldOut).toHaveLength(50);
    expect(split.train).toHaveLength(950);
    expect(new Set([...split.train, ...split.heldOut]).size).toBe(1000);
  });

  it('is the same for the same seed and different for another', () => {
    expect(heldOutSplit(200, 0.1, 7)).toEqual(heldOutSplit(200, 0.1, 7));
    expect(heldOutSplit(200, 0.1, 8).heldOut).not.toEqual(heldOutSplit(200, 0.1, 7).heldOut);
  });

  it('rejects a fraction outside (0, 1)', () => {
    expect(() => heldOutSplit(10, 0, 1)).toThrow('held-out fraction must be in (0, 1), got 0');
  });
});

describe('takeRows', () => {
  it('copies the chosen rows of a row-major matrix', () => {
    const m = Float32Array.from([1, 2, 3, 4, 5, 6]); // 3 × 2
    expect(Array.from(takeRows(m, 2, [2, 0]))).toEqual([5, 6, 1, 2]);
  });
});

describe('sentenceHeldOutSplit', () => {
  // A miniature SST-2 parse tree: a sentence, its sub-phrases, plus an unrelated sentence.
  const texts = [
    'the acting is superb but the plot is a mess ', // 0: sentence (10 words)
    'the acting is superb ', // 1: sub-phrase
    'but the plot is a mess ', // 2: sub-phrase
    'superb ', // 3: one word — generic, stays in training
    'a quiet , lovely film that never once raises its voice ', // 4: another sentence
    'lovely film ', // 5
    'the acting is superb but the plot is a mess , sadly ', // 6: a longer phrase containing sentence 0
  ];

  it('holds out whole sentences with the phrases containing them, and drops their sub-phrases from training', () => {
    const split = sentenceHeldOutSplit(texts, { fraction: 0.3, seed: 1, minWords: 10 });
    // Whichever sentence is drawn first, nothing in training may contain or be contained in a held-out phrase (3+ words).
    const held = split.heldOut.map((i) => ` ${texts[i].trim()} `);
    for (const i of split.train) {
      const phrase = ` ${texts[i].trim()} `;
      if (texts[i].trim().split(' ').length < 3) continue;
      expect(held.some((h) => h.includes(phrase) || phrase.includes(h))).toBe(false);
    }
    expect(new Set([...split.train, ...split.heldOut, ...split.dropped]).size).toBe(texts.length);
    // Seed 1 draws phrase 6 first (11 words): the sentence inside it and its halves leave training;
    // that already takes 4 of 7 rows ≥ 30%, so the other sentence stays in training.
    expect(split).toEqual({ train: [3, 4, 5], heldOut: [6], dropped: [0, 1, 2] });
  });

  it('is deterministic for a seed', () => {
    expect(sentenceHeldOutSplit(texts, { fraction: 0.3, seed: 5 })).toEqual(sentenceHeldOutSplit(texts, { fraction: 0.3, seed: 5 }));
  });
});
