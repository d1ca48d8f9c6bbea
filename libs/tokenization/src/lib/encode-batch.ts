import { padAndTruncate, type PaddedBatch, type PaddingStrategy } from './pad-and-truncate';
import type { Tokenizer } from './tokenizer';

export interface EncodeBatchOptions {
  /** Default true. */
  addSpecialTokens?: boolean;
  /** Default and ceiling: the tokenizer's modelMaxLength (a model cannot take more). */
  maxLength?: number;
  /** Default true; every cut row is flagged in `truncated`. false makes an over-long row an error. */
  truncation?: boolean;
  /** Default `longest`. */
  padding?: PaddingStrategy;
  /** Overrides the tokenizer's pad id (needed to pad a tokenizer that has none). */
  padTokenId?: number;
}

/** Tokenizes texts and shapes them into one batch (right padding, masks, truncation flags). */
export function encodeBatch(tokenizer: Tokenizer, texts: readonly string[], options: EncodeBatchOptions = {}): PaddedBatch {
  const addSpecialTokens = options.addSpecialTokens ?? true;
  const maxLength = Math.min(options.maxLength ?? tokenizer.modelMaxLength, tokenizer.modelMaxLength);
  const rows = texts.map((text) => tokenizer.encode(text, { addSpecialTokens }));
  return padAndTruncate(rows, {
    maxLength,
    truncation: options.truncation ?? true,
    padding: options.padding ?? 'longest',
    padTokenId: options.padTokenId ?? tokenizer.padTokenId,
  });
}
