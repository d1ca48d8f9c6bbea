import { UnknownRuntimeError } from '../errors';
import { MODEL_RUNTIMES, ModelRuntimeName } from '../manifest/vocabulary';
import type { ModelRuntime } from './model-handle';
import { onnxRuntime } from './onnxruntime-runtime';
import { remoteOipRuntime } from './remote-oip-runtime';
import { tfjsGraphRuntime, tfjsLayersRuntime } from './tfjs-runtime';
import { transformersRuntime } from './transformers-runtime';

export type RuntimeRegistry = ReadonlyMap<ModelRuntimeName, ModelRuntime>;

/**
 * All runtimes by manifest name. Each runtime imports its native package lazily on first load, so a
 * gateway serving only ONNX models never loads TensorFlow.js (and vice versa).
 */
export function defaultRuntimes(): RuntimeRegistry {
  return new Map<ModelRuntimeName, ModelRuntime>(
    [onnxRuntime, transformersRuntime, tfjsGraphRuntime, tfjsLayersRuntime, remoteOipRuntime].map((runtime) => [runtime.name, runtime]),
  );
}

export function runtimeFor(registry: RuntimeRegistry, name: string): ModelRuntime {
  const runtime = registry.get(name as ModelRuntimeName);
  if (!runtime) throw new UnknownRuntimeError(name, [...registry.keys()].length ? [...registry.keys()] : MODEL_RUNTIMES);
  return runtime;
}
