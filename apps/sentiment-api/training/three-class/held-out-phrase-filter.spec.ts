import { normalisePhrase, phrasesInside } from './held-out-phrase-filter';

describe('phrasesInside', () => {
  const heldOut = ['The Rock is destined to be  great .'];

  it('finds phrases equal to or inside a held-out sentence, ignoring case and spacing', () => {
    const phrases = ['the rock is destined to be great . ', 'destined to', 'ROCK', 'the rock rolls', 'great movie'];
    expect(phrasesInside(phrases, heldOut)).toEqual([0, 1, 2]);
  });

  it('matches whole tokens only (a phrase inside a word is not a phrase of the sentence)', () => {
    expect(phrasesInside(['destin', 'eat', 'rock is'], heldOut)).toEqual([2]);
  });

  it('normalises case and whitespace the same way for both sides', () => {
    expect(normalisePhrase('  A  b\tC ')).toBe('a b c');
  });
});
