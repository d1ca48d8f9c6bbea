import type { GraphModel, LayersModel, Tensor } from '@tensorflow/tfjs';
import { ModelLoadFailedError } from '../errors';
import type { ModelRuntime, RuntimeLoadRequest, TensorInfo, TensorModelHandle, TensorValue } from './model-handle';
import { requireEntryFile } from './model-handle';
import { pickTfjsBackend } from './tfjs-backend';
import { readTfjsArtifacts } from './tfjs-artifacts';
import { toTensorDtype } from './tensor-dtypes';

type Tf = typeof import('@tensorflow/tfjs');
type TfDtype = 'float32' | 'int32' | 'bool' | 'string';

function toTfTensor(tf: Tf, name: string, value: TensorValue): Tensor {
  switch (value.dtype) {
    case 'float32':
    case 'int32':
    case 'bool':
    case 'string':
      return tf.tensor(value.data as Float32Array, value.shape, value.dtype as TfDtype);
    case 'int64':
      // tfjs has no int64; ids and indices fit int32 in practice.
      return tf.tensor(Int32Array.from(value.data as BigInt64Array, Number), value.shape, 'int32');
    case 'int8':
    case 'uint8':
      return tf.tensor(Int32Array.from(value.data as Uint8Array), value.shape, 'int32');
    default:
      throw new Error(`input ${name}: dtype ${value.dtype} is not supported by TensorFlow.js`);
  }
}

async function fromTfTensor(tensor: Tensor): Promise<TensorValue> {
  const dtype = toTensorDtype(tensor.dtype);
  if (dtype === 'unknown') throw new Error(`output dtype ${tensor.dtype} is not supported`);
  const data = await tensor.data();
  return {
    dtype,
    shape: [...tensor.shape],
    data: (dtype === 'string' ? Array.from(data as unknown as Uint8Array[], (bytes) => Buffer.from(bytes).toString('utf8')) : data) as TensorValue['data'],
  };
}

function describe(list: { name: string; dtype?: string; shape?: number[] }[]): TensorInfo[] {
  return list.map((value) => ({
    name: value.name,
    dtype: value.dtype ? toTensorDtype(value.dtype) : 'unknown',
    shape: (value.shape ?? []).map((dim) => (dim === null || dim === undefined || dim < 0 ? -1 : dim)),
  }));
}

/** Graph inputs are named by signature key (e.g. `indices`), layers inputs by layer name. */
function orderedInputs(tf: Tf, names: readonly string[], inputs: Record<string, TensorValue>): Tensor[] {
  return names.map((name) => {
    const value = inputs[name];
    if (!value) throw new Error(`missing input "${name}"; the model takes ${names.join(', ')}`);
    return toTfTensor(tf, name, value);
  });
}

async function loadTfjsModel(request: RuntimeLoadRequest, flavour: 'graph' | 'layers'): Promise<TensorModelHandle> {
  const { entry, resolved, settings } = request;
  const modelJson = requireEntryFile(resolved);
  const backend = await pickTfjsBackend(settings.tfjsBackends, entry.device ?? settings.device);
  const tf: Tf = await import('@tensorflow/tfjs');
  const started = performance.now();
  let model: GraphModel | LayersModel;
  try {
    const artifacts = await readTfjsArtifacts(modelJson);
    model = flavour === 'graph' ? await tf.loadGraphModel(tf.io.fromMemory(artifacts)) : await tf.loadLayersModel(tf.io.fromMemory(artifacts));
  } catch (error) {
    throw new ModelLoadFailedError(entry.id, modelJson, error);
  }
  const loadTimeMs = performance.now() - started;
  const inputs = describe(model.inputs.map((input) => ({ name: input.name, dtype: input.dtype, shape: input.shape as number[] | undefined })));
  const outputs = describe(model.outputs.map((output) => ({ name: output.name, dtype: output.dtype, shape: output.shape as number[] | undefined })));
  const inputNames = inputs.map((input) => input.name);
  let disposed = false;
  // Graphs with control flow (USE) refuse execute(); the others make executeAsync() warn on every call.
  let needsAsync = false;
  const executeGraph = async (graph: GraphModel, feeds: Record<string, Tensor>, wanted: string[]): Promise<Tensor | Tensor[]> => {
    if (!needsAsync) {
      try {
        return graph.execute(feeds, wanted);
      } catch (error) {
        if (!/executeAsync/.test(String(error))) throw error;
        needsAsync = true;
      }
    }
    return graph.executeAsync(feeds, wanted);
  };

  return {
    kind: 'tensor',
    modelId: entry.id,
    version: entry.version,
    runtime: flavour === 'graph' ? 'tfjs-graph' : 'tfjs-layers',
    device: { device: backend.device, backend: `tfjs/${backend.backend}`, detail: backend.detail, skipped: backend.skipped },
    inputs,
    outputs,
    loadTimeMs,
    async infer(values, outputNames) {
      const tensors = orderedInputs(tf, inputNames, values);
      const wanted = outputNames ?? outputs.map((output) => output.name);
      let produced: Tensor | Tensor[] = [];
      try {
        if (flavour === 'graph') {
          const feeds = Object.fromEntries(inputNames.map((name, i) => [name, tensors[i]]));
          produced = await executeGraph(model as GraphModel, feeds, wanted);
        } else {
          produced = (model as LayersModel).predict(tensors.length === 1 ? tensors[0] : tensors) as Tensor | Tensor[];
        }
        const list = Array.isArray(produced) ? produced : [produced];
        const names = flavour === 'graph' ? wanted : outputs.map((output) => output.name);
        const results: Record<string, TensorValue> = {};
        for (let i = 0; i < list.length; i++) results[names[i]] = await fromTfTensor(list[i]);
        return results;
      } finally {
        tf.dispose(tensors);
        tf.dispose(produced);
      }
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      model.dispose();
    },
  };
}

export const tfjsGraphRuntime: ModelRuntime = { name: 'tfjs-graph', load: (request) => loadTfjsModel(request, 'graph') };
export const tfjsLayersRuntime: ModelRuntime = { name: 'tfjs-layers', load: (request) => loadTfjsModel(request, 'layers') };
