import type { TensorModelHandle, TensorValue } from '../runtimes/model-handle';

/**
 * Completes the output description a runtime could not read from the model (a TensorFlow.js graph
 * without a signature lists its outputs as dtype `unknown`, shape `[]`) from what an inference
 * really produced: so `/v2/models/{name}` reports the names, datatypes and shapes infer returns.
 * The first axis is dynamic (-1) when the model's inputs are; other axes are taken as produced.
 */
export function recordOutputSignature(handle: Pick<TensorModelHandle, 'inputs' | 'outputs'>, produced: Record<string, TensorValue>): void {
  const batchIsDynamic = handle.inputs.some((input) => input.shape[0] === -1);
  for (const output of handle.outputs) {
    const value = produced[output.name];
    if (!value) continue;
    if (output.dtype === 'unknown') output.dtype = value.dtype;
    if (output.shape.length === 0 && value.shape.length > 0) output.shape = value.shape.map((size, axis) => (axis === 0 && batchIsDynamic ? -1 : size));
  }
}
