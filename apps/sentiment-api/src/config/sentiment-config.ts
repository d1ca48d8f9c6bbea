import { parseEnvironment } from '@matrix/product-server';
import { z } from 'zod';
import { threeClassModelDir } from '@matrix/sentiment-model';
import { readThreeClassDecision } from '../model/three-class-decision-file';
import type { ThreeClassDecision } from '../scoring/three-class-decision';

/** Longest text one analysis takes (the gateway's own per-text limit); longer ones get 413. */
export const MAX_TEXT_CHARS = 20_000;
/** Most texts in one POST /api/analyze/batch; more get 413. */
export const MAX_BATCH_TEXTS = 100;
/** Largest JSON body: 100 texts of 20,000 characters, even in a 3-byte UTF-8 script, fit. */
export const JSON_BODY_LIMIT_BYTES = 8 * 1024 * 1024;
/** Gateway /v1/classify takes at most this many texts per call. */
export const GATEWAY_MAX_TEXTS = 256;

const flag = z
  .string()
  .transform((value) => value.trim().toLowerCase())
  .pipe(z.enum(['1', 'true', 'yes', 'on', '0', 'false', 'no', 'off'], { message: 'must be true or false' }))
  .transform((value) => ['1', 'true', 'yes', 'on'].includes(value));

const schema = z.object({
  /** The gateway model that scores sentences (a text-classification head with a 'positive' label). */
  SENTIMENT_MODEL: z.string().min(1).max(200).default('sentiment-head'),
  /** Register the newest trained artifact with the gateway at boot when the gateway lacks the model. */
  SENTIMENT_REGISTER_MODEL: flag.default(true),
  /**
   * The three-class head (negative / neutral / positive) that labels sentences; 'none' = label them by
   * thresholds on SENTIMENT_MODEL's P(positive) instead (the rule before the three-class head).
   */
  SENTIMENT_THREE_CLASS_MODEL: z.string().min(1).max(200).default('sentiment-3class'),
  /** The aspect head (three classes over an aspect's clause) behind `targets`; 'none' = no targeted sentiment (501). */
  SENTIMENT_ASPECT_MODEL: z.string().min(1).max(200).default('sentiment-aspect'),
  /** Rows a CSV job scores (and stores, in one transaction) per step. */
  SENTIMENT_JOB_CHUNK_ROWS: z.coerce.number().int().min(1).max(GATEWAY_MAX_TEXTS).default(32),
  /** Most data rows one CSV upload may have (413 beyond). */
  SENTIMENT_MAX_CSV_ROWS: z.coerce.number().int().min(1).max(1_000_000).default(50_000),
});

export interface SentimentConfig {
  model: string;
  /** Undefined: sentence labels come from thresholds on `model`. */
  threeClassModel?: string;
  /**
   * How sentences are labelled from the two heads (fusion or the three-class head alone, class
   * weights): decision.json of the three-class artifact (SENTIMENT_THREE_CLASS_MODEL_DIR), chosen on held-out data.
   */
  threeClassDecision?: ThreeClassDecision;
  /** Undefined: targeted sentiment is off. */
  aspectModel?: string;
  registerModel: boolean;
  jobChunkRows: number;
  maxCsvRows: number;
}

export const SENTIMENT_CONFIG = 'sentiment:config';

export function loadSentimentConfig(env: NodeJS.ProcessEnv): SentimentConfig {
  const v = parseEnvironment(schema, env, 'sentiment-api');
  return {
    model: v.SENTIMENT_MODEL,
    threeClassModel: v.SENTIMENT_THREE_CLASS_MODEL === 'none' ? undefined : v.SENTIMENT_THREE_CLASS_MODEL,
    aspectModel: v.SENTIMENT_ASPECT_MODEL === 'none' ? undefined : v.SENTIMENT_ASPECT_MODEL,
    threeClassDecision: readThreeClassDecision(threeClassModelDir(env)),
    registerModel: v.SENTIMENT_REGISTER_MODEL,
    jobChunkRows: v.SENTIMENT_JOB_CHUNK_ROWS,
    maxCsvRows: v.SENTIMENT_MAX_CSV_ROWS,
  };
}
