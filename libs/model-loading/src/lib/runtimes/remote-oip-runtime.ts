import { RemoteServerUnavailableError, errorMessage } from '../errors';
import type { TensorDtype } from '../manifest/vocabulary';
import type { ModelRuntime, RuntimeLoadRequest, TensorInfo, TensorModelHandle, TensorValue } from './model-handle';

/** KServe v2 / Triton datatypes ↔ ours. */
export const OIP_DATATYPE_OF: Readonly<Record<TensorDtype, string>> = {
  float32: 'FP32',
  float16: 'FP16',
  int32: 'INT32',
  int64: 'INT64',
  int8: 'INT8',
  uint8: 'UINT8',
  bool: 'BOOL',
  string: 'BYTES',
};
export const DTYPE_OF_OIP: Readonly<Record<string, TensorDtype>> = Object.fromEntries(
  Object.entries(OIP_DATATYPE_OF).map(([ours, theirs]) => [theirs, ours as TensorDtype]),
);

interface OipTensorMetadata {
  name: string;
  datatype: string;
  shape: number[];
}
interface OipTensor extends OipTensorMetadata {
  data: unknown[];
}

function describe(list: OipTensorMetadata[] | undefined): TensorInfo[] {
  return (list ?? []).map((tensor) => ({ name: tensor.name, dtype: DTYPE_OF_OIP[tensor.datatype] ?? 'unknown', shape: tensor.shape }));
}

function toJsonData(value: TensorValue): unknown[] {
  if (value.data instanceof BigInt64Array) return Array.from(value.data, Number);
  return Array.from(value.data as ArrayLike<unknown>);
}

function fromOip(tensor: OipTensor): TensorValue {
  const dtype = DTYPE_OF_OIP[tensor.datatype];
  const values = tensor.data.flat(Infinity) as unknown[];
  switch (dtype) {
    case 'float32':
      return { dtype, shape: tensor.shape, data: Float32Array.from(values as number[]) };
    case 'int32':
      return { dtype, shape: tensor.shape, data: Int32Array.from(values as number[]) };
    case 'int64':
      return { dtype, shape: tensor.shape, data: BigInt64Array.from(values as number[], (v) => BigInt(v)) };
    case 'int8':
      return { dtype, shape: tensor.shape, data: Int8Array.from(values as number[]) };
    case 'uint8':
    case 'bool':
      return { dtype, shape: tensor.shape, data: Uint8Array.from(values as number[], Number) };
    case 'string':
      return { dtype, shape: tensor.shape, data: values.map(String) };
    default:
      throw new Error(`output ${tensor.name}: datatype ${tensor.datatype} is not supported over JSON`);
  }
}

/**
 * A model served by another Open Inference Protocol server (Triton, KServe): "loading" checks the
 * server says the model is ready and reads its metadata; inference is a JSON v2 infer call.
 */
export const remoteOipRuntime: ModelRuntime = {
  name: 'remote-oip',
  async load({ entry, resolved, settings }: RuntimeLoadRequest): Promise<TensorModelHandle> {
    if (!resolved.remote) throw new RemoteServerUnavailableError(entry.id, 'manifest source is not remote');
    const { url, model, version } = resolved.remote;
    const base = `${url}/v2/models/${encodeURIComponent(model)}${version ? `/versions/${encodeURIComponent(version)}` : ''}`;
    const call = async (path: string, init?: RequestInit): Promise<Response> => {
      try {
        return await fetch(`${base}${path}`, { ...init, signal: AbortSignal.timeout(settings.networkTimeoutMs) });
      } catch (error) {
        throw new RemoteServerUnavailableError(
          url,
          (error as Error).name === 'TimeoutError'
            ? `no answer within ${settings.networkTimeoutMs} ms`
            : errorMessage((error as { cause?: unknown }).cause ?? error),
        );
      }
    };
    const started = performance.now();
    const ready = await call('/ready');
    if (!ready.ok) throw new RemoteServerUnavailableError(url, `model ${model} not ready (HTTP ${ready.status})`);
    const metadataResponse = await call('');
    if (!metadataResponse.ok) throw new RemoteServerUnavailableError(url, `metadata of ${model}: HTTP ${metadataResponse.status}`);
    const metadata = (await metadataResponse.json()) as { inputs?: OipTensorMetadata[]; outputs?: OipTensorMetadata[]; platform?: string };
    const loadTimeMs = performance.now() - started;
    return {
      kind: 'tensor',
      modelId: entry.id,
      version: entry.version,
      runtime: 'remote-oip',
      device: { device: 'remote', backend: `oip ${url}`, detail: metadata.platform, skipped: [] },
      inputs: describe(metadata.inputs),
      outputs: describe(metadata.outputs),
      loadTimeMs,
      async infer(inputs, outputNames) {
        const body = {
          inputs: Object.entries(inputs).map(([name, value]) => ({
            name,
            shape: value.shape,
            datatype: OIP_DATATYPE_OF[value.dtype],
            data: toJsonData(value),
          })),
          outputs: outputNames?.map((name) => ({ name })),
        };
        const response = await call('/infer', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
        if (!response.ok) throw new RemoteServerUnavailableError(url, `infer ${model}: HTTP ${response.status} ${await response.text()}`);
        const result = (await response.json()) as { outputs: OipTensor[] };
        return Object.fromEntries(result.outputs.map((tensor) => [tensor.name, fromOip(tensor)]));
      },
      async dispose() {
        // Nothing local to free; the remote server owns the model.
      },
    };
  },
};
