import type { ModelEntry } from '../manifest/manifest-schema';
import type { ModelRuntimeName, TensorDtype } from '../manifest/vocabulary';
import type { ResolvedModel } from '../resolution/resolve-model';
import type { ModelLoadingSettings } from '../settings';

export type TensorData = Float32Array | Int32Array | BigInt64Array | Int8Array | Uint8Array | Uint16Array | string[];

/** A runtime-neutral tensor; maps one to one onto an Open Inference Protocol tensor. */
export interface TensorValue {
  dtype: TensorDtype;
  shape: number[];
  data: TensorData;
}

export interface TensorInfo {
  name: string;
  dtype: TensorDtype | 'unknown';
  /** -1 marks a dynamic dimension (as in the KServe v2 metadata). */
  shape: number[];
}

/** A device candidate that was not used, and why: ops read this to learn why a GPU sat idle. */
export interface SkippedDevice {
  candidate: string;
  reason: string;
}

export interface DeviceReport {
  device: 'cpu' | 'cuda' | 'remote';
  /** The concrete engine, e.g. `onnxruntime-node/cpu`, `tfjs/wasm`, `oip http://triton:8000`. */
  backend: string;
  detail?: string;
  skipped: SkippedDevice[];
}

interface HandleBase {
  readonly modelId: string;
  readonly version: string;
  readonly runtime: ModelRuntimeName;
  readonly device: DeviceReport;
  readonly inputs: TensorInfo[];
  readonly outputs: TensorInfo[];
  /** Milliseconds the runtime took to build the model (resolution and checksums not included). */
  readonly loadTimeMs: number;
  /** Frees native/GPU memory; the handle must not be used afterwards. Safe to call twice. */
  dispose(): Promise<void>;
}

/** onnxruntime, TensorFlow.js and remote OIP models: named tensors in, named tensors out. */
export interface TensorModelHandle extends HandleBase {
  readonly kind: 'tensor';
  infer(inputs: Record<string, TensorValue>, outputNames?: string[]): Promise<Record<string, TensorValue>>;
}

/** transformers.js models: the pipeline does its own tokenising / image decoding and post-processing. */
export interface PipelineModelHandle extends HandleBase {
  readonly kind: 'pipeline';
  /** The transformers.js task name the pipeline was built for (e.g. `feature-extraction`). */
  readonly pipelineTask: string;
  run(input: unknown, options?: Record<string, unknown>): Promise<unknown>;
}

export type ModelHandle = TensorModelHandle | PipelineModelHandle;

export interface RuntimeLoadRequest {
  entry: ModelEntry;
  resolved: ResolvedModel;
  settings: ModelLoadingSettings;
}

/** One per manifest `runtime` value; see runtime-registry.ts. */
export interface ModelRuntime {
  readonly name: ModelRuntimeName;
  load(request: RuntimeLoadRequest): Promise<ModelHandle>;
}

/** Entry point file of a resolved local model, or a clear error when the manifest named none. */
export function requireEntryFile(resolved: ResolvedModel): string {
  if (!resolved.entryFile) throw new Error(`model "${resolved.modelId}" has no entry file (files[0] or entrypoint)`);
  return resolved.entryFile;
}
