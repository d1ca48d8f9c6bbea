import { extractAspects, findAspect } from './aspect-extractor';

const REVIEW = 'The room was spotless and the staff lovely, but breakfast was cold and overpriced. I would still come back.';

describe('extractAspects (wink-nlp noun phrases)', () => {
  it('finds the nouns a review talks about, with offsets into the text', () => {
    const aspects = extractAspects(REVIEW);
    expect(aspects.map((a) => a.text)).toEqual(['room', 'staff', 'breakfast']);
    for (const a of aspects) expect(REVIEW.slice(a.start, a.end)).toBe(a.text);
  });

  it('keeps compound nouns whole and leaves time words out', () => {
    expect(extractAspects('The battery life is great but the screen is dim.').map((a) => a.text)).toEqual(['battery life', 'screen']);
    expect(extractAspects('We checked out at noon.')).toEqual([]);
  });
});

describe('findAspect', () => {
  it('finds whole-word occurrences, case-insensitive', () => {
    expect(findAspect('Staff were nice; the staffing was not. STAFF!', 'staff')).toEqual([
      { text: 'Staff', start: 0, end: 5 },
      { text: 'STAFF', start: 39, end: 44 },
    ]);
    expect(findAspect('no such thing', 'pool')).toEqual([]);
  });
});
