import { MINILM, requireSharedPath, sharedTokenizerDir } from '../test/shared-files';
import { encodeBatch } from './encode-batch';
import type { HfTokenizer } from './hf-tokenizer';
import { loadHfTokenizer } from './load-hf-tokenizer';
import { defaultUseVocabPath, loadUseTokenizer, type UseTokenizer } from './use-tokenizer';

/*
 * Ids from all-MiniLM-L6-v2/vocab.txt (id = line number − 1):
 *   grep -n '^the$' -> 1997 -> 1996   grep -n '^quick$' -> 4249 -> 4248   grep -n '^brown$' -> 2830 -> 2829
 *   grep -n '^fox$' -> 4420 -> 4419   grep -n '^jumps$' -> 14524 -> 14523   grep -n '^\.$' -> 1013 -> 1012
 *   [PAD] 0, [CLS] 101, [SEP] 102, hello 7592, world 2088, ! 999 (see hf-tokenizer.spec.ts).
 * transformers.js 4.3.1 AutoTokenizer gives the same input_ids and attention_mask for
 * tokenizer(texts, { padding: true, truncation: true, max_length: 6 }), checked when this was written.
 */
const TEXTS = ['Hello world!', 'The quick brown fox jumps.'];

describe('encodeBatch with a Hugging Face tokenizer', () => {
  let tokenizer: HfTokenizer;
  beforeAll(async () => {
    tokenizer = await loadHfTokenizer(sharedTokenizerDir(MINILM));
  });

  it('pads with [PAD] to the longest row by default', () => {
    const batch = encodeBatch(tokenizer, TEXTS);
    expect(batch.inputIds).toEqual([
      [101, 7592, 2088, 999, 102, 0, 0, 0],
      [101, 1996, 4248, 2829, 4419, 14523, 1012, 102],
    ]);
    expect(batch.attentionMask).toEqual([
      [1, 1, 1, 1, 1, 0, 0, 0],
      [1, 1, 1, 1, 1, 1, 1, 1],
    ]);
    expect(batch.tokenTypeIds).toEqual([
      [0, 0, 0, 0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0, 0, 0, 0],
    ]);
    expect(batch.truncated).toEqual([false, false]);
  });

  it('truncates from the end like transformers.js and flags the row', () => {
    const batch = encodeBatch(tokenizer, TEXTS, { maxLength: 6 });
    expect(batch.inputIds).toEqual([
      [101, 7592, 2088, 999, 102, 0],
      [101, 1996, 4248, 2829, 4419, 14523],
    ]);
    expect(batch.attentionMask).toEqual([
      [1, 1, 1, 1, 1, 0],
      [1, 1, 1, 1, 1, 1],
    ]);
    expect(batch.lengths).toEqual([5, 6]);
    expect(batch.originalLengths).toEqual([5, 8]);
    expect(batch.truncated).toEqual([false, true]);
  });

  it('never exceeds model_max_length (512)', () => {
    const batch = encodeBatch(tokenizer, ['hello'], { maxLength: 1000, padding: 'max_length' });
    expect(batch.paddedLength).toBe(512);
    expect(batch.inputIds[0].slice(0, 4)).toEqual([101, 7592, 102, 0]);
    expect(batch.attentionMask[0].reduce((a, b) => a + b, 0)).toBe(3);
  });

  it('encodes without special tokens on request', () => {
    expect(encodeBatch(tokenizer, ['Hello world!'], { addSpecialTokens: false }).inputIds).toEqual([[7592, 2088, 999]]);
  });

  it('fails instead of truncating when truncation is off', () => {
    expect(() => encodeBatch(tokenizer, TEXTS, { maxLength: 6, truncation: false })).toThrow('Rows 1 exceed maxLength 6 (lengths 8) and truncation is off');
  });
});

describe('encodeBatch with the USE tokenizer', () => {
  let tokenizer: UseTokenizer;
  beforeAll(async () => {
    tokenizer = await loadUseTokenizer(requireSharedPath(defaultUseVocabPath()));
  });

  it('returns ragged rows for the sparse model input', () => {
    // Ids from use-tokenizer.spec.ts: "I like it." -> 16 60 21 6; "▁a" -> 11.
    const batch = encodeBatch(tokenizer, ['I like it.', 'a'], { padding: 'none' });
    expect(batch.inputIds).toEqual([[16, 60, 21, 6], [11]]);
    expect(batch.attentionMask).toEqual([[1, 1, 1, 1], [1]]);
  });

  it('asks for a pad id before padding a tokenizer that has none', () => {
    expect(() => encodeBatch(tokenizer, ['I like it.', 'a'])).toThrow('This tokenizer has no pad token');
    expect(encodeBatch(tokenizer, ['I like it.', 'a'], { padTokenId: 0 }).inputIds).toEqual([
      [16, 60, 21, 6],
      [11, 0, 0, 0],
    ]);
  });
});
