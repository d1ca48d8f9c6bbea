import type { WarmupSpec } from '../manifest/manifest-schema';
import type { ModelHandle, TensorValue } from '../runtimes/model-handle';
import { elementCount, filledTensorData } from '../runtimes/tensor-dtypes';
import { recordOutputSignature } from './output-signature';

/**
 * Runs the manifest's warm-up input through a fresh handle: the first inference pays for kernel
 * compilation and memory arenas, and should not land on a user's request. What it produces
 * completes the outputs' datatypes and shapes where the model does not declare them.
 */
export async function warmUp(handle: ModelHandle, spec: WarmupSpec): Promise<void> {
  for (let run = 0; run < spec.runs; run++) {
    if (handle.kind === 'pipeline') {
      if (!spec.text) throw new Error('warm-up for a pipeline model needs `text`');
      await handle.run(spec.text);
      continue;
    }
    if (!spec.tensors) throw new Error('warm-up for a tensor model needs `tensors`');
    const inputs: Record<string, TensorValue> = {};
    for (const [name, tensor] of Object.entries(spec.tensors))
      inputs[name] = { dtype: tensor.dtype, shape: tensor.shape, data: filledTensorData(tensor.dtype, elementCount(tensor.shape), tensor.fill) };
    recordOutputSignature(handle, await handle.infer(inputs));
  }
}
