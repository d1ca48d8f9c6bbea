/** What every tokenizer in the matrix returns for one text. */
export interface TokenEncoding {
  /** Vocabulary ids, in model order. */
  ids: number[];
  /** The vocabulary piece of each id (for logs and debugging, never for the model). */
  tokens: string[];
  /** 1 for every real token (an unpadded encoding is all ones). */
  attentionMask: number[];
  /** Segment of each token: 0 for the first text, 1 for a pair's second text. */
  tokenTypeIds: number[];
}

export interface TokenizerEncodeOptions {
  /** Add the model's special tokens ([CLS] … [SEP] for BERT). Default true. */
  addSpecialTokens?: boolean;
}

export interface TokenizerDecodeOptions {
  /** Leave special tokens ([CLS], [SEP], [PAD], unknown…) out of the text. Default false. */
  skipSpecialTokens?: boolean;
}

/**
 * The one shape product code and the gateway rely on, whatever the tokenizer
 * family (Hugging Face tokenizer.json or the Universal Sentence Encoder's
 * SentencePiece vocabulary), so batching and bucketing work on any of them.
 */
export interface Tokenizer {
  /** Longest input the model accepts, in tokens; Infinity when the model has no limit. */
  readonly modelMaxLength: number;
  /** Id used to pad batches on the right, or null when the model takes no padded input. */
  readonly padTokenId: number | null;
  /** Id given to text the vocabulary cannot represent, or null if there is none. */
  readonly unknownTokenId: number | null;
  /** Ids that `decode(…, { skipSpecialTokens: true })` leaves out. */
  readonly specialTokenIds: ReadonlySet<number>;
  encode(text: string, options?: TokenizerEncodeOptions): TokenEncoding;
  decode(ids: readonly number[], options?: TokenizerDecodeOptions): string;
}
