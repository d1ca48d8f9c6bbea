import { DISTILBERT_SST2, MINILM, sharedTokenizerDir } from '../test/shared-files';
import type { HfTokenizer } from './hf-tokenizer';
import { loadHfTokenizer } from './load-hf-tokenizer';

/*
 * Expected ids are looked up by hand in each folder's vocab.txt: id = line number − 1.
 * Both folders hold the same bert-base-uncased vocab.txt (`cmp` finds no difference).
 *   grep -n '^\[PAD\]$' vocab.txt   -> 1:[PAD]     -> 0
 *   grep -n '^\[UNK\]$' vocab.txt   -> 101:[UNK]   -> 100
 *   grep -n '^\[CLS\]$' vocab.txt   -> 102:[CLS]   -> 101
 *   grep -n '^\[SEP\]$' vocab.txt   -> 103:[SEP]   -> 102
 *   grep -n '^\[MASK\]$' vocab.txt  -> 104:[MASK]  -> 103
 *   grep -n '^!$' vocab.txt         -> 1000:!      -> 999
 *   grep -n '^?$' vocab.txt         -> 1030:?      -> 1029
 *   grep -n '^you$' vocab.txt       -> 2018:you    -> 2017
 *   grep -n '^are$' vocab.txt       -> 2025:are    -> 2024
 *   grep -n '^world$' vocab.txt     -> 2089:world  -> 2088
 *   grep -n '^how$' vocab.txt       -> 2130:how    -> 2129
 *   grep -n '^##ization$' vocab.txt -> 3990:##ization -> 3989
 *   grep -n '^hello$' vocab.txt     -> 7593:hello  -> 7592
 *   grep -n '^token$' vocab.txt     -> 19205:token -> 19204
 *   grep -n '^tokenization$' vocab.txt and grep -n '^☃$' vocab.txt -> no line (split / unknown)
 */
const HELLO_WORLD_IDS = [101, 7592, 2088, 999, 102];

describe.each([MINILM, DISTILBERT_SST2])('HfTokenizer (%s)', (name) => {
  let tokenizer: HfTokenizer;
  beforeAll(async () => {
    tokenizer = await loadHfTokenizer(sharedTokenizerDir(name));
  });

  it('encodes "Hello world!" as [CLS] hello world ! [SEP]', () => {
    expect(tokenizer.encode('Hello world!')).toEqual({
      ids: HELLO_WORLD_IDS,
      tokens: ['[CLS]', 'hello', 'world', '!', '[SEP]'],
      attentionMask: [1, 1, 1, 1, 1],
      tokenTypeIds: [0, 0, 0, 0, 0],
    });
  });

  it('leaves out [CLS]/[SEP] when special tokens are off', () => {
    expect(tokenizer.encode('Hello world!', { addSpecialTokens: false }).ids).toEqual([7592, 2088, 999]);
  });

  it('splits a word missing from the vocabulary into WordPieces', () => {
    expect(tokenizer.encode('Tokenization').tokens).toEqual(['[CLS]', 'token', '##ization', '[SEP]']);
    expect(tokenizer.encode('Tokenization').ids).toEqual([101, 19204, 3989, 102]);
  });

  it('lowercases and strips accents like the uncased model', () => {
    expect(tokenizer.encode('HÉLLO').ids).toEqual([101, 7592, 102]);
  });

  it('maps a character outside the vocabulary to [UNK]', () => {
    expect(tokenizer.encode('☃').ids).toEqual([101, 100, 102]);
  });

  it('gives the second text of a pair token type 1', () => {
    const encoded = tokenizer.encode('How are you?', { textPair: 'Hello world!' });
    expect(encoded.ids).toEqual([101, 2129, 2024, 2017, 1029, 102, 7592, 2088, 999, 102]);
    expect(encoded.tokenTypeIds).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 1, 1]);
  });

  it('decodes with and without special tokens', () => {
    expect(tokenizer.decode(HELLO_WORLD_IDS)).toBe('[CLS] hello world! [SEP]');
    expect(tokenizer.decode(HELLO_WORLD_IDS, { skipSpecialTokens: true })).toBe('hello world!');
    expect(tokenizer.decode([])).toBe('');
  });

  it('reads limits and special ids from tokenizer_config.json', () => {
    // tokenizer_config.json: "model_max_length": 512, "pad_token": "[PAD]", "unk_token": "[UNK]".
    expect(tokenizer.modelMaxLength).toBe(512);
    expect(tokenizer.padTokenId).toBe(0);
    expect(tokenizer.unknownTokenId).toBe(100);
    expect([...tokenizer.specialTokenIds].sort((a, b) => a - b)).toEqual([0, 100, 101, 102, 103]);
    expect(tokenizer.tokenToId('hello')).toBe(7592);
    expect(tokenizer.tokenToId('tokenization')).toBeUndefined();
  });
});
