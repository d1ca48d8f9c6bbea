import { DTYPE_OF_OIP, OIP_DATATYPE_OF, TensorDtype, TensorInfo, TensorValue } from '@matrix/model-loading';
import { DecodedTensor, OipDatatype, OipOutputTensor, TensorValidationError } from './oip-tensor';

// FP64 is accepted for float32 inputs (JSON numbers are doubles anyway).
const TO_RUNTIME: Partial<Record<OipDatatype, TensorDtype>> = { ...DTYPE_OF_OIP, FP64: 'float32' };

export function oipDatatypeOf(dtype: string): OipDatatype | 'UNKNOWN' {
  return (OIP_DATATYPE_OF[dtype as TensorDtype] as OipDatatype | undefined) ?? 'UNKNOWN';
}

/** Converts a validated OIP tensor to the runtime tensor the model declares, checking name, dtype and shape. */
export function toRuntimeTensor(tensor: DecodedTensor, declared: TensorInfo | undefined, modelInputs: TensorInfo[]): TensorValue {
  if (!declared) {
    throw new TensorValidationError(`the model has no input '${tensor.name}'; its inputs are ${modelInputs.map((i) => i.name).join(', ')}`);
  }
  const dtype = TO_RUNTIME[tensor.datatype];
  const expected = declared.dtype;
  if (!dtype || (expected !== 'unknown' && expected !== dtype && !(expected === 'float32' && tensor.datatype === 'FP64'))) {
    throw new TensorValidationError(`input '${tensor.name}' must be ${oipDatatypeOf(expected)} (got ${tensor.datatype})`);
  }
  if (declared.shape.length > 0) {
    const fits = declared.shape.length === tensor.shape.length && declared.shape.every((dim, i) => dim === -1 || dim === tensor.shape[i]);
    if (!fits) {
      const want = declared.shape.map((d) => (d === -1 ? '-1' : String(d))).join(',');
      throw new TensorValidationError(`input '${tensor.name}' must have shape [${want}] (-1 = any); got [${tensor.shape.join(',')}]`);
    }
  }
  const target = expected === 'unknown' ? dtype : expected;
  const values = tensor.data;
  switch (target) {
    case 'float32':
      return { dtype: target, shape: tensor.shape, data: Float32Array.from(values as number[]) };
    case 'int32':
      return { dtype: target, shape: tensor.shape, data: Int32Array.from(values as number[]) };
    case 'int64':
      return { dtype: target, shape: tensor.shape, data: BigInt64Array.from(values as number[], (v) => BigInt(v)) };
    case 'int8':
      return { dtype: target, shape: tensor.shape, data: Int8Array.from(values as number[]) };
    case 'uint8':
      return { dtype: target, shape: tensor.shape, data: Uint8Array.from(values as number[]) };
    case 'bool':
      return { dtype: target, shape: tensor.shape, data: Uint8Array.from(values as boolean[], (v) => (v ? 1 : 0)) };
    case 'string':
      return { dtype: target, shape: tensor.shape, data: values.map(String) };
    default:
      throw new TensorValidationError(`input '${tensor.name}': dtype ${target} cannot be sent over the protocol`);
  }
}

export function toOipOutput(name: string, value: TensorValue): OipOutputTensor {
  const data = Array.isArray(value.data)
    ? value.data
    : value.data instanceof BigInt64Array
      ? Array.from(value.data, Number)
      : Array.from(value.data as ArrayLike<number>);
  return { name, shape: value.shape, datatype: oipDatatypeOf(value.dtype) as OipDatatype, data };
}
