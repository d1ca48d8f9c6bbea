import { loadSst2 } from '@matrix/datasets';
import { DEMO_TEXT_COUNT, pickDemoTexts, readableSentence } from './demo-texts';

describe('demo texts', () => {
  it('makes a tokenised SST-2 sentence readable', () => {
    expect(readableSentence("it 's slow -- very , very slow . ")).toBe("It's slow -- very, very slow.");
    expect(readableSentence("you do n't have to know about music ( or care )")).toBe("You don't have to know about music (or care)");
  });

  it('picks positive and negative sentences of the shipped SST-2 dev set in turn', () => {
    const sentences = loadSst2('dev');
    const picked = pickDemoTexts(sentences);
    expect(picked).toHaveLength(DEMO_TEXT_COUNT);
    expect(new Set(picked).size).toBe(DEMO_TEXT_COUNT);
    const labelOf = new Map(sentences.map((s) => [readableSentence(s.sentence), s.label]));
    expect(picked.map((t) => labelOf.get(t))).toEqual(Array.from({ length: DEMO_TEXT_COUNT }, (_, i) => (i % 2 === 0 ? 1 : 0)));
  });
});
