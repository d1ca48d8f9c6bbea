import type { TensorModelHandle } from '../runtimes/model-handle';
import { recordOutputSignature } from './output-signature';

function handle(inputShape: number[]): Pick<TensorModelHandle, 'inputs' | 'outputs'> {
  return {
    inputs: [{ name: 'x', dtype: 'int32', shape: inputShape }],
    outputs: [
      { name: 'embedding', dtype: 'unknown', shape: [] },
      { name: 'declared', dtype: 'float32', shape: [-1, 3] },
    ],
  };
}

describe('recordOutputSignature', () => {
  it('fills undeclared outputs from a produced tensor, the batch axis dynamic when the inputs are', () => {
    const model = handle([-1, 2]);
    recordOutputSignature(model, {
      embedding: { dtype: 'float32', shape: [1, 512], data: new Float32Array(512) },
      declared: { dtype: 'float32', shape: [1, 3], data: new Float32Array(3) },
    });
    expect(model.outputs).toEqual([
      { name: 'embedding', dtype: 'float32', shape: [-1, 512] },
      { name: 'declared', dtype: 'float32', shape: [-1, 3] },
    ]);
  });

  it('keeps a fixed batch axis, and leaves outputs that were not produced as they are', () => {
    const fixed = handle([1, 512, 512, 3]);
    recordOutputSignature(fixed, { embedding: { dtype: 'float32', shape: [1, 100, 6], data: new Float32Array(600) } });
    expect(fixed.outputs[0]).toEqual({ name: 'embedding', dtype: 'float32', shape: [1, 100, 6] });
    const untouched = handle([-1]);
    recordOutputSignature(untouched, {});
    expect(untouched.outputs[0]).toEqual({ name: 'embedding', dtype: 'unknown', shape: [] });
  });
});
