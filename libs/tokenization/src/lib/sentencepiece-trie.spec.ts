import { SentencePieceTrie } from './sentencepiece-trie';

describe('SentencePieceTrie', () => {
  const trie = new SentencePieceTrie();
  trie.insert('▁l', -4, 7);
  trie.insert('▁like', -1, 8);
  trie.insert('▁li', -3, 9);
  trie.insert('😹x', -2, 10);
  trie.insert('▁li', -5, 11); // inserted again: the last id and score win

  it('returns every piece starting at a position, shortest first', () => {
    expect(trie.piecesStartingAt([...'a▁likes'], 1)).toEqual([
      { length: 2, id: 7, score: -4 },
      { length: 3, id: 11, score: -5 },
      { length: 5, id: 8, score: -1 },
    ]);
  });

  it('stops at the end of the input', () => {
    expect(trie.piecesStartingAt([...'▁lik'], 0).map((m) => m.id)).toEqual([7, 11]);
  });

  it('counts lengths in code points, not UTF-16 units', () => {
    expect(trie.piecesStartingAt([...'😹x'], 0)).toEqual([{ length: 2, id: 10, score: -2 }]);
  });

  it('returns nothing when no piece starts there', () => {
    expect(trie.piecesStartingAt([...'zebra'], 0)).toEqual([]);
  });
});
