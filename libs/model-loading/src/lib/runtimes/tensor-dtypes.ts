import type { TensorDtype } from '../manifest/vocabulary';
import type { TensorData } from './model-handle';

const KNOWN: readonly string[] = ['float32', 'float16', 'int32', 'int64', 'int8', 'uint8', 'bool', 'string'];

/** Runtime dtype names (onnxruntime `float32`, tfjs `int32`, …) mapped onto ours; others are `unknown`. */
export function toTensorDtype(name: string): TensorDtype | 'unknown' {
  return KNOWN.includes(name) ? (name as TensorDtype) : 'unknown';
}

/** Tensor filled with a constant, for warm-up inputs. */
export function filledTensorData(dtype: TensorDtype, length: number, fill: number): TensorData {
  switch (dtype) {
    case 'float32':
      return new Float32Array(length).fill(fill);
    case 'int32':
      return new Int32Array(length).fill(fill);
    case 'int64':
      return new BigInt64Array(length).fill(BigInt(Math.trunc(fill)));
    case 'int8':
      return new Int8Array(length).fill(fill);
    case 'uint8':
    case 'bool':
      return new Uint8Array(length).fill(fill);
    case 'float16':
      // IEEE half bits; only 0 is needed for warm-up, anything else would need a float→half encoder.
      if (fill !== 0) throw new Error('float16 warm-up tensors support fill 0 only');
      return new Uint16Array(length);
    case 'string':
      return new Array<string>(length).fill(String(fill));
  }
}

export function elementCount(shape: readonly number[]): number {
  return shape.reduce((product, size) => product * size, 1);
}
