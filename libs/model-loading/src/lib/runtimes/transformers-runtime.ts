import { HubUnreachableError, ModelFileMissingError, ModelLoadFailedError, RuntimeUnavailableError, errorMessage } from '../errors';
import type { ModelEntry } from '../manifest/manifest-schema';
import type { ModelTask, TransformersDtype } from '../manifest/vocabulary';
import { fetchWithHeaderTimeout } from '../resolution/fetch-with-header-timeout';
import type { ResolvedModel } from '../resolution/resolve-model';
import type { ModelLoadingSettings } from '../settings';
import type { ModelRuntime, PipelineModelHandle, RuntimeLoadRequest, SkippedDevice } from './model-handle';
import { onnxCudaUnavailableReason } from './onnx-cuda';

/** Our task names → transformers.js pipeline tasks. */
const PIPELINE_TASKS: Partial<Record<ModelTask, TransformersTask>> = {
  'text-embedding': 'feature-extraction',
  'text-classification': 'text-classification',
  'image-classification': 'image-classification',
  'object-detection': 'object-detection',
  'zero-shot-image-classification': 'zero-shot-image-classification',
};
type TransformersTask = 'feature-extraction' | 'text-classification' | 'image-classification' | 'object-detection' | 'zero-shot-image-classification';

/** Everything handed to transformers.js for one model: a pure value, so the mapping is testable without weights. */
export interface TransformersPipelineRequest {
  task: TransformersTask;
  /** An absolute folder for a model found on disk, the hub id for a download. */
  model: string;
  options: {
    revision?: string;
    device: 'cpu' | 'cuda';
    dtype?: TransformersDtype;
    local_files_only: boolean;
    cache_dir: string;
  };
  /** Process-wide `env` of transformers.js (it has no per-call equivalent). */
  env: { localModelPath: string; allowLocalModels: true; allowRemoteModels: boolean; cacheDir: string };
  deviceSkipped: SkippedDevice[];
}

export function transformersPipelineRequest(entry: ModelEntry, resolved: ResolvedModel, settings: ModelLoadingSettings): TransformersPipelineRequest {
  const task = PIPELINE_TASKS[entry.task];
  if (!task) throw new RuntimeUnavailableError(`model "${entry.id}": transformers.js has no pipeline for task ${entry.task}`);
  const download = resolved.location === 'hub-download';
  if (!download && !resolved.dir) throw new RuntimeUnavailableError(`model "${entry.id}": transformers.js needs a model folder or a hub id`);
  const { device, skipped } = transformersDevice(entry.device ?? settings.device);
  return {
    task,
    model: download ? (resolved.hub?.id ?? '') : (resolved.dir ?? ''),
    options: {
      // A revision is meaningless for a folder on disk; transformers.js ignores it there anyway.
      revision: download ? resolved.hub?.revision : undefined,
      device,
      dtype: entry.dtype,
      local_files_only: !download,
      cache_dir: settings.hubCacheDir,
    },
    env: {
      localModelPath: withTrailingSlash(settings.modelsDir),
      allowLocalModels: true,
      allowRemoteModels: settings.allowRemoteModels && download,
      cacheDir: withTrailingSlash(settings.hubCacheDir),
    },
    deviceSkipped: skipped,
  };
}

function transformersDevice(preference: 'auto' | 'cpu' | 'cuda'): { device: 'cpu' | 'cuda'; skipped: SkippedDevice[] } {
  if (preference === 'cpu') return { device: 'cpu', skipped: [{ candidate: 'cuda', reason: 'device set to cpu' }] };
  const unavailable = onnxCudaUnavailableReason();
  if (preference === 'cuda' || !unavailable) return { device: 'cuda', skipped: [] };
  return { device: 'cpu', skipped: [{ candidate: 'cuda', reason: unavailable }] };
}

function withTrailingSlash(dir: string): string {
  return dir.endsWith('/') ? dir : `${dir}/`;
}

/** Turns transformers.js failures into our typed errors (it throws plain Errors with prose). */
export function toTransformersLoadError(modelId: string, request: TransformersPipelineRequest, error: unknown, hubEndpoint: string): Error {
  const message = errorMessage(error);
  const notFound = /not found locally at "([^"]+)"|Could not locate file: "([^"]+)"/.exec(message);
  if (notFound) return new ModelFileMissingError(modelId, notFound[1] ?? notFound[2], [request.model]);
  if (
    /fetch failed|ECONNREFUSED|ENOTFOUND|ETIMEDOUT|TimeoutError|no response within/i.test(
      `${message} ${errorMessage((error as { cause?: unknown }).cause ?? '')}`,
    )
  )
    return new HubUnreachableError(hubEndpoint, message, 0);
  return new ModelLoadFailedError(modelId, request.model, error);
}

export const transformersRuntime: ModelRuntime = {
  name: 'transformers.js',
  async load({ entry, resolved, settings }: RuntimeLoadRequest): Promise<PipelineModelHandle> {
    const request = transformersPipelineRequest(entry, resolved, settings);
    const transformers = await import('@huggingface/transformers');
    Object.assign(transformers.env, request.env);
    transformers.env.fetch = fetchWithHeaderTimeout(settings.networkTimeoutMs);
    const started = performance.now();
    let pipe: Awaited<ReturnType<typeof transformers.pipeline>>;
    try {
      pipe = await transformers.pipeline(request.task, request.model, request.options);
    } catch (error) {
      throw toTransformersLoadError(entry.id, request, error, settings.hubEndpoint);
    }
    const loadTimeMs = performance.now() - started;
    const run = pipe as unknown as (input: unknown, options?: Record<string, unknown>) => Promise<unknown>;
    let disposed = false;
    return {
      kind: 'pipeline',
      modelId: entry.id,
      version: entry.version,
      runtime: 'transformers.js',
      pipelineTask: request.task,
      device: {
        device: request.options.device,
        backend: `transformers.js/onnxruntime-node/${request.options.device}`,
        detail: request.options.dtype,
        skipped: request.deviceSkipped,
      },
      inputs: [],
      outputs: [],
      loadTimeMs,
      run: (input, options) => run(input, options),
      async dispose() {
        if (disposed) return;
        disposed = true;
        await pipe.dispose();
      },
    };
  },
};
