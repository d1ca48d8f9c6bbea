import type { InferenceSession, Tensor } from 'onnxruntime-node';
import { ModelLoadFailedError, RuntimeUnavailableError, errorMessage } from '../errors';
import type { DevicePreference } from '../manifest/vocabulary';
import type { DeviceReport, ModelRuntime, RuntimeLoadRequest, SkippedDevice, TensorInfo, TensorModelHandle, TensorValue } from './model-handle';
import { requireEntryFile } from './model-handle';
import { onnxCudaUnavailableReason } from './onnx-cuda';
import { OrtInt8Precision, widenInt8Products } from './onnx-int8-precision';
import { toTensorDtype } from './tensor-dtypes';

type OrtModule = typeof import('onnxruntime-node');

export interface OnnxSessionOptions {
  device: DevicePreference;
  intraOpThreads?: number;
  /** int8 products on x64 CPUs: widened where they would saturate (onnx-int8-precision.ts). */
  int8Precision?: OrtInt8Precision;
}

export interface OnnxSessionResult {
  session: InferenceSession;
  device: DeviceReport;
}

/**
 * Opens an InferenceSession on the best device allowed: CUDA when asked for or when `auto` finds
 * the provider, else CPU. An explicit `cuda` that fails is an error (an operator who pins the GPU
 * wants to know), `auto` falls back to CPU and says why.
 */
export async function createOnnxSession(modelId: string, modelPath: string, options: OnnxSessionOptions): Promise<OnnxSessionResult> {
  const ort: OrtModule = await import('onnxruntime-node');
  const skipped: SkippedDevice[] = [];
  const common: InferenceSession.SessionOptions = {
    // onnxruntime-node rejects an explicit `undefined` here ("must be a number").
    ...(options.intraOpThreads ? { intraOpNumThreads: options.intraOpThreads } : {}),
    // One inference at a time per session; parallelism comes from batching, not inter-op threads.
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
    logSeverityLevel: 3,
  };

  if (options.device === 'cpu') skipped.push({ candidate: 'cuda', reason: 'device set to cpu' });
  else {
    const unavailable = onnxCudaUnavailableReason();
    if (unavailable && options.device === 'cuda') throw new RuntimeUnavailableError(`model "${modelId}": device cuda requested but ${unavailable}`);
    if (unavailable) skipped.push({ candidate: 'cuda', reason: unavailable });
    else {
      try {
        const session = await ort.InferenceSession.create(modelPath, { ...common, executionProviders: ['cuda'] });
        return { session, device: { device: 'cuda', backend: 'onnxruntime-node/cuda', skipped } };
      } catch (error) {
        if (options.device === 'cuda')
          throw new RuntimeUnavailableError(`model "${modelId}": CUDA execution provider failed: ${errorMessage(error)}`, { cause: error });
        skipped.push({ candidate: 'cuda', reason: errorMessage(error) });
      }
    }
  }

  const widened = widenInt8Products(options.int8Precision ?? 'auto');
  try {
    const session = await ort.InferenceSession.create(modelPath, {
      ...common,
      executionProviders: ['cpu'],
      // Idle intra-op threads sleep instead of spinning for the next op: on a machine whose cores are shared (the
      // gateway's HTTP thread decoding the next batch, other services) spinning burns CPU the others need.
      extra: { session: { intra_op: { allow_spinning: '0' }, ...(widened ? { x64quantprecision: '1' } : {}) } },
    });
    const threads = options.intraOpThreads ? `${options.intraOpThreads} intra-op threads` : 'default intra-op threads';
    const detail = widened ? `${threads}, int8 products widened to int16` : threads;
    return { session, device: { device: 'cpu', backend: 'onnxruntime-node/cpu', detail, skipped } };
  } catch (error) {
    throw new ModelLoadFailedError(modelId, modelPath, error);
  }
}

function describeValues(metadata: readonly InferenceSession.ValueMetadata[]): TensorInfo[] {
  return metadata.map((value) =>
    value.isTensor
      ? { name: value.name, dtype: toTensorDtype(value.type), shape: value.shape.map((dim) => (typeof dim === 'number' && dim >= 0 ? dim : -1)) }
      : { name: value.name, dtype: 'unknown', shape: [] },
  );
}

function toOrtTensor(ort: OrtModule, name: string, value: TensorValue): Tensor {
  if (value.dtype === 'float16') return new ort.Tensor('float16', value.data as Uint16Array, value.shape);
  if (value.dtype === 'string') return new ort.Tensor('string', value.data as string[], value.shape);
  if (value.dtype === 'bool') return new ort.Tensor('bool', value.data as Uint8Array, value.shape);
  const data = value.data;
  if (Array.isArray(data)) throw new Error(`input ${name}: ${value.dtype} data must be a typed array`);
  return new ort.Tensor(value.dtype, data as Exclude<TensorValue['data'], string[] | Uint16Array>, value.shape);
}

function fromOrtTensor(tensor: Tensor): TensorValue {
  const dtype = toTensorDtype(tensor.type);
  if (dtype === 'unknown') throw new Error(`output type ${tensor.type} is not supported`);
  return { dtype, shape: [...tensor.dims], data: tensor.data as TensorValue['data'] };
}

export const onnxRuntime: ModelRuntime = {
  name: 'onnxruntime',
  async load({ entry, resolved, settings }: RuntimeLoadRequest): Promise<TensorModelHandle> {
    const modelPath = requireEntryFile(resolved);
    const started = performance.now();
    const { session, device } = await createOnnxSession(entry.id, modelPath, {
      device: entry.device ?? settings.device,
      intraOpThreads: settings.onnxIntraOpThreads,
      int8Precision: settings.onnxInt8Precision,
    });
    const loadTimeMs = performance.now() - started;
    const ort: OrtModule = await import('onnxruntime-node');
    let released = false;
    return {
      kind: 'tensor',
      modelId: entry.id,
      version: entry.version,
      runtime: 'onnxruntime',
      device,
      inputs: describeValues(session.inputMetadata),
      outputs: describeValues(session.outputMetadata),
      loadTimeMs,
      async infer(inputs, outputNames) {
        const feeds = Object.fromEntries(Object.entries(inputs).map(([name, value]) => [name, toOrtTensor(ort, name, value)]));
        const results = outputNames ? await session.run(feeds, outputNames) : await session.run(feeds);
        return Object.fromEntries(Object.entries(results).map(([name, tensor]) => [name, fromOrtTensor(tensor)]));
      },
      async dispose() {
        if (released) return;
        released = true;
        await session.release();
      },
    };
  },
};
