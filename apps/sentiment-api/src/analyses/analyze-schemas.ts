import { HTTP_STATUS_PARAM } from '@matrix/product-server';
import { z } from 'zod';
import { MAX_BATCH_TEXTS, MAX_TEXT_CHARS } from '../config/sentiment-config';

const tooLarge = { [HTTP_STATUS_PARAM]: 413 };

/** 1..20,000 characters, not blank; longer is 413 (the whole text is analysed, never truncated). */
export const textSchema = (name: string) =>
  z.string({ error: (issue) => (issue.input === undefined ? `${name} is required` : `${name} must be a string`) }).superRefine((text, ctx) => {
    if (text.length > MAX_TEXT_CHARS) {
      ctx.addIssue({
        code: 'custom',
        message: `${name} has ${text.length} characters; the limit is ${MAX_TEXT_CHARS} per text: split the document into several texts (or CSV rows)`,
        params: tooLarge,
      });
    } else if (text.trim().length === 0) {
      ctx.addIssue({ code: 'custom', message: `${name} must not be empty or blank` });
    }
  });

export const sourceSchema = z
  .string({ error: 'source must be a string' })
  .trim()
  .min(1, 'source must not be blank')
  .max(100, 'source may be at most 100 characters')
  .optional()
  .describe('Where the text comes from, e.g. "reviews" or "tickets" (a filter in the history)');

export const analyzeSchema = z.object({
  text: textSchema('text'),
  source: sourceSchema,
  targets: z
    .boolean({ error: 'targets must be true or false' })
    .optional()
    .describe('Also find the aspects the text talks about (noun phrases) and the sentiment toward each (`aspects`; not stored)'),
});
export type AnalyzeBody = z.infer<typeof analyzeSchema>;

export const batchSchema = z.object({
  // The count is checked first, so 5,000 texts get one clear 413 rather than 5,000 issues.
  texts: z
    .array(z.unknown(), { error: (issue) => (issue.input === undefined ? 'texts is required' : 'texts must be an array of strings') })
    .superRefine((texts, ctx) => {
      if (texts.length === 0) ctx.addIssue({ code: 'custom', message: 'texts must hold at least one text' });
      if (texts.length > MAX_BATCH_TEXTS) {
        ctx.addIssue({
          code: 'custom',
          message: `a batch may hold at most ${MAX_BATCH_TEXTS} texts, got ${texts.length}: send several batches, or upload a CSV (POST /api/uploads)`,
          params: tooLarge,
        });
      }
    })
    .pipe(z.array(textSchema('text'))),
  source: sourceSchema,
});
export type BatchBody = z.infer<typeof batchSchema>;

/** The batch body as OpenAPI shows it (the validating schema checks the count first, which JSON Schema cannot say). */
export const batchDocSchema = z.object({
  texts: z.array(z.string().min(1).max(MAX_TEXT_CHARS)).min(1).max(MAX_BATCH_TEXTS),
  source: sourceSchema,
});

/** Most aspects one POST /api/analyze/targets may name. */
export const MAX_TARGETS = 50;

const aspectSpanSchema = z.object({
  start: z.number({ error: 'start must be a number' }).int('start must be an integer').min(0, 'start must be ≥ 0'),
  end: z.number({ error: 'end must be a number' }).int('end must be an integer'),
});

/** An aspect: a phrase to find in the text (every whole-word occurrence), or a span of it. */
export const aspectSchema = z.union(
  [z.string().trim().min(1, 'an aspect must not be blank').max(200, 'an aspect may be at most 200 characters'), aspectSpanSchema],
  {
    error: 'each aspect must be a phrase (string) or a span {start, end}',
  },
);

export const targetsSchema = z
  .object({
    text: textSchema('text'),
    aspects: z
      .array(aspectSchema, { error: (issue) => (issue.input === undefined ? 'aspects is required' : 'aspects must be an array') })
      .min(1, 'aspects must hold at least one aspect')
      .max(MAX_TARGETS, `at most ${MAX_TARGETS} aspects per call`)
      .describe('Phrases to find in the text ("staff", "battery life") or spans {start, end} of it (UTF-16 offsets, end exclusive)'),
  })
  .superRefine((body, ctx) => {
    body.aspects.forEach((aspect, i) => {
      if (typeof aspect === 'string') return;
      if (aspect.end <= aspect.start || aspect.end > body.text.length || body.text.slice(aspect.start, aspect.end).trim() === '')
        ctx.addIssue({
          code: 'custom',
          path: ['aspects', i],
          message: `span [${aspect.start}, ${aspect.end}) must be a non-blank part of the text (length ${body.text.length})`,
        });
    });
  });
export type TargetsBody = z.infer<typeof targetsSchema>;
