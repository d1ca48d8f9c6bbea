import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { modelsDir, workspaceRoot } from '@matrix/paths';
import { z } from 'zod';
import { SettingsValidationError } from './errors';
import { formatIssuePath } from './manifest/format-issue-path';
import { DEVICE_PREFERENCES, DevicePreference } from './manifest/vocabulary';
import { ORT_INT8_PRECISIONS, OrtInt8Precision } from './runtimes/onnx-int8-precision';

export const TFJS_BACKENDS = ['tfjs-node-gpu', 'tfjs-node', 'wasm', 'cpu'] as const;
export type TfjsBackendName = (typeof TFJS_BACKENDS)[number];

/** Process-wide knobs, read once from the environment (ops configure the gateway with env vars). */
export interface ModelLoadingSettings {
  /** MODELS_DIR: local model folder, searched before anything else. */
  modelsDir: string;
  /** MATRIX_ALLOW_REMOTE_MODELS=1: may download from the hub. Off by default: offline is the safe default. */
  allowRemoteModels: boolean;
  /** MATRIX_DEVICE=auto|cpu|cuda. */
  device: DevicePreference;
  /** HF_ENDPOINT (the Hugging Face client variable), default https://huggingface.co. */
  hubEndpoint: string;
  /** MATRIX_MODEL_CACHE_DIR: transformers.js download cache (its default lives inside node_modules). */
  hubCacheDir: string;
  /** HF_HOME: the Python hub cache (`hub/models--org--name/snapshots/…`), reused when present. */
  hfHome: string;
  /** MATRIX_NETWORK_TIMEOUT_MS: bound on every network probe, so nothing hangs on a dead hub. */
  networkTimeoutMs: number;
  /** MATRIX_ORT_INTRA_OP_THREADS: onnxruntime threads per session (default: onnxruntime's own choice). */
  onnxIntraOpThreads?: number;
  /** MATRIX_ORT_INT8_PRECISION=auto|exact|fast: widen int8 products where x64 CPUs would saturate them (default auto). */
  onnxInt8Precision: OrtInt8Precision;
  /** MATRIX_TFJS_BACKENDS: comma list, tried in order. */
  tfjsBackends: TfjsBackendName[];
}

const truthy = new Set(['1', 'true', 'yes', 'on']);

const envSchema = z.object({
  MATRIX_ALLOW_REMOTE_MODELS: z.string().optional(),
  MATRIX_DEVICE: z.enum(DEVICE_PREFERENCES).default('auto'),
  HF_ENDPOINT: z.url({ protocol: /^https?$/ }).default('https://huggingface.co'),
  MATRIX_MODEL_CACHE_DIR: z.string().optional(),
  HF_HOME: z.string().optional(),
  MATRIX_NETWORK_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),
  MATRIX_ORT_INTRA_OP_THREADS: z.coerce.number().int().positive().optional(),
  MATRIX_ORT_INT8_PRECISION: z.enum(ORT_INT8_PRECISIONS).default('auto'),
  MATRIX_TFJS_BACKENDS: z
    .string()
    .transform((list) =>
      list
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(TFJS_BACKENDS)).min(1))
    .optional(),
});

export function loadModelLoadingSettings(env: NodeJS.ProcessEnv = process.env): ModelLoadingSettings {
  // Empty strings mean "unset" (docker-compose writes them for absent values).
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) throw new SettingsValidationError(parsed.error.issues.map((issue) => `${formatIssuePath(issue.path)}: ${issue.message}`).join('\n'));
  const values = parsed.data;
  const absolute = (dir: string) => (isAbsolute(dir) ? dir : resolve(workspaceRoot(), dir));
  return {
    modelsDir: modelsDir(env),
    allowRemoteModels: truthy.has((values.MATRIX_ALLOW_REMOTE_MODELS ?? '').toLowerCase()),
    device: values.MATRIX_DEVICE,
    hubEndpoint: values.HF_ENDPOINT.replace(/\/+$/, ''),
    hubCacheDir: absolute(values.MATRIX_MODEL_CACHE_DIR ?? join(homedir(), '.cache', 'matrix-models')),
    hfHome: absolute(values.HF_HOME ?? join(homedir(), '.cache', 'huggingface')),
    networkTimeoutMs: values.MATRIX_NETWORK_TIMEOUT_MS,
    onnxIntraOpThreads: values.MATRIX_ORT_INTRA_OP_THREADS,
    onnxInt8Precision: values.MATRIX_ORT_INT8_PRECISION,
    tfjsBackends: values.MATRIX_TFJS_BACKENDS ?? [...TFJS_BACKENDS],
  };
}
