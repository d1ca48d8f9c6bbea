import { z } from 'zod';
import { PRIORITIES } from '../batching/dynamic-batcher';

const MAX_TEXT_CHARS = 20_000;
const common = {
  model: z.string().min(1).max(200).optional(),
  version: z.string().min(1).max(50).optional(),
  priority: z.enum(PRIORITIES).optional(),
  timeout_ms: z.number().int().positive().max(600_000).optional(),
};
const text = z
  .string()
  .max(MAX_TEXT_CHARS, `each text may have at most ${MAX_TEXT_CHARS} characters; split longer documents`)
  .refine((t) => t.trim().length > 0, 'texts must not be empty or blank');

export const embedRequestSchema = z.strictObject({
  ...common,
  texts: z.array(text).min(1, 'give at least one text').max(256, 'at most 256 texts per request'),
});
export type EmbedRequest = z.infer<typeof embedRequestSchema>;

/** Most heads one /v1/classify call may run on the same texts (`models`). */
export const MAX_CLASSIFY_HEADS = 8;

export const classifyRequestSchema = z
  .strictObject({
    ...common,
    texts: z.array(text).min(1, 'give at least one text').max(256, 'at most 256 texts per request'),
    models: z
      .array(z.string().min(1).max(200))
      .min(1, 'give at least one model in models')
      .max(MAX_CLASSIFY_HEADS, `at most ${MAX_CLASSIFY_HEADS} models per request`)
      .refine((ids) => new Set(ids).size === ids.length, 'models must not repeat a model')
      .optional()
      .describe(
        'Several classifiers on the same texts in one call, answered as `heads` in this order; heads on the same embedding model share one embedding per text. Not with model/version.',
      ),
  })
  .refine((body) => !(body.models && (body.model !== undefined || body.version !== undefined)), {
    message: 'give either model (and version) or models, not both',
    path: ['models'],
  });
export type ClassifyRequest = z.infer<typeof classifyRequestSchema>;

const base64Image = z
  .string()
  .min(16, 'an image must be base64 (or a data: URL) of at least a few bytes')
  .transform((value, ctx) => {
    const payload = value.startsWith('data:') ? value.slice(value.indexOf(',') + 1) : value;
    if (!/^[A-Za-z0-9+/=\s]+$/.test(payload)) {
      ctx.addIssue({ code: 'custom', message: 'images must be base64-encoded (optionally as a data: URL)' });
      return z.NEVER;
    }
    return Buffer.from(payload, 'base64') as Buffer;
  });

export const imagesRequestSchema = z.strictObject({
  ...common,
  images: z.array(base64Image).min(1, 'give at least one image').max(64, 'at most 64 images per request'),
  top_k: z.number().int().min(1).max(1000).default(5),
  min_score: z.number().min(0).max(1).default(0.3),
});
export type ImagesRequest = z.infer<typeof imagesRequestSchema>;

export const zeroShotRequestSchema = z.strictObject({
  ...common,
  images: z.array(base64Image).min(1).max(16, 'at most 16 images per request'),
  labels: z.array(z.string().min(1).max(200)).min(2, 'give at least two candidate labels').max(100),
  hypothesis_template: z.string().max(200).includes('{}', { message: 'the template must contain {} where the label goes' }).optional(),
});
export type ZeroShotRequest = z.infer<typeof zeroShotRequestSchema>;

/** Most query vectors per /v1/rank-items call, and the widest vector / longest exclusion list. */
const MAX_RANK_QUERIES = 256;
const MAX_VECTOR_WIDTH = 100_000;
const MAX_EXCLUDE = 100_000;

export const rankItemsRequestSchema = z.strictObject({
  ...common,
  model: z.string().min(1).max(200),
  queries: z
    .array(
      z.strictObject({
        vector: z.array(z.number().finite('vector values must be finite numbers')).min(1, 'a vector needs at least one value').max(MAX_VECTOR_WIDTH),
        exclude: z.array(z.number().int().min(0, 'item indices are 0-based')).max(MAX_EXCLUDE).default([]),
      }),
    )
    .min(1, 'give at least one query')
    .max(MAX_RANK_QUERIES, `at most ${MAX_RANK_QUERIES} queries per request`),
  top_k: z.number().int().min(1).max(1000).default(10),
});
export type RankItemsRequest = z.infer<typeof rankItemsRequestSchema>;
