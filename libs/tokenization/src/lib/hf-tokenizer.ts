import { Tokenizer as HfCoreTokenizer } from '@huggingface/tokenizers';
import type { TokenEncoding, Tokenizer, TokenizerDecodeOptions, TokenizerEncodeOptions } from './tokenizer';

/** Parsed tokenizer_config.json; only the fields read here are typed. */
export type HfTokenizerConfig = Record<string, unknown>;

export interface HfTokenizerEncodeOptions extends TokenizerEncodeOptions {
  /** Second text of a pair (cross-encoders, NLI): its tokens get token type id 1. */
  textPair?: string;
}

/**
 * HF writes `model_max_length = int(1e30)` (VERY_LARGE_INTEGER) when a model has
 * no limit; anything beyond a safe integer means "no limit" here.
 */
function modelMaxLengthFrom(config: HfTokenizerConfig): number {
  const value = config['model_max_length'];
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return Infinity;
  return value > Number.MAX_SAFE_INTEGER ? Infinity : value;
}

/**
 * A special token in tokenizer_config.json is a string or an AddedToken object
 * (`{ "__type": "AddedToken", "content": "[PAD]", … }`); the first key present wins,
 * as in transformers.js (`pad_token`, falling back to `eos_token`).
 */
function specialTokenFrom(config: HfTokenizerConfig, ...keys: string[]): string | null {
  for (const key of keys) {
    const value = config[key];
    if (typeof value === 'string' && value.length > 0) return value;
    if (value && typeof value === 'object' && typeof (value as { content?: unknown }).content === 'string') {
      return (value as { content: string }).content;
    }
  }
  return null;
}

/**
 * A Hugging Face tokenizer (tokenizer.json + tokenizer_config.json) run by
 * `@huggingface/tokenizers`, the pure-JS package transformers.js 4 itself
 * delegates to, so ids equal transformers.js's without loading ONNX Runtime.
 */
export class HfTokenizer implements Tokenizer {
  readonly modelMaxLength: number;
  readonly padTokenId: number | null;
  readonly unknownTokenId: number | null;
  readonly specialTokenIds: ReadonlySet<number>;

  constructor(
    private readonly core: HfCoreTokenizer,
    readonly config: HfTokenizerConfig,
  ) {
    this.modelMaxLength = modelMaxLengthFrom(config);
    this.padTokenId = this.idOf(specialTokenFrom(config, 'pad_token', 'eos_token'));
    this.unknownTokenId = this.idOf(specialTokenFrom(config, 'unk_token'));
    const special = [...core.get_added_tokens_decoder()].filter(([, token]) => token.special).map(([id]) => id);
    this.specialTokenIds = new Set(special);
  }

  encode(text: string, options: HfTokenizerEncodeOptions = {}): TokenEncoding {
    const encoded = this.core.encode(text, {
      text_pair: options.textPair ?? null,
      add_special_tokens: options.addSpecialTokens ?? true,
      return_token_type_ids: true,
    });
    return {
      ids: encoded.ids,
      tokens: encoded.tokens,
      attentionMask: encoded.attention_mask,
      // Tokenizers without a pair template return none: everything is segment 0.
      tokenTypeIds: encoded.token_type_ids ?? encoded.ids.map(() => 0),
    };
  }

  decode(ids: readonly number[], options: TokenizerDecodeOptions = {}): string {
    // The core library rejects an empty list; an empty sequence is simply no text.
    if (ids.length === 0) return '';
    return this.core.decode([...ids], { skip_special_tokens: options.skipSpecialTokens ?? false });
  }

  /** Id of one vocabulary piece, or undefined when the vocabulary lacks it. */
  tokenToId(token: string): number | undefined {
    return this.core.token_to_id(token);
  }

  private idOf(token: string | null): number | null {
    if (token === null) return null;
    return this.core.token_to_id(token) ?? null;
  }
}
