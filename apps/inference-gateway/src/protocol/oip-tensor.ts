import { z } from 'zod';

/**
 * Open Inference Protocol (KServe v2) tensors, as Triton, KServe and Seldon speak them:
 * https://kserve.github.io/website/latest/modelserving/data_plane/v2_protocol/
 */
export const OIP_DATATYPES = ['BOOL', 'UINT8', 'UINT16', 'UINT32', 'UINT64', 'INT8', 'INT16', 'INT32', 'INT64', 'FP16', 'FP32', 'FP64', 'BYTES'] as const;
export type OipDatatype = (typeof OIP_DATATYPES)[number];

const MAX_ELEMENTS = 16 * 1024 * 1024;

const tensorData = z.union([
  z.array(z.union([z.number(), z.string(), z.boolean()])),
  // Row-major nested arrays are allowed by the protocol; they are flattened before checking.
  z.array(z.any()),
]);

export const oipInputTensorSchema = z.object({
  name: z.string().min(1, 'input name must not be empty'),
  shape: z.array(z.number().int('shape entries must be integers').nonnegative('shape entries must be ≥ 0')).max(8),
  datatype: z.enum(OIP_DATATYPES, { message: `datatype must be one of ${OIP_DATATYPES.join(', ')}` }),
  parameters: z.record(z.string(), z.unknown()).optional(),
  data: tensorData,
});

export const oipInferRequestSchema = z.object({
  id: z.string().max(256).optional(),
  parameters: z.record(z.string(), z.unknown()).optional(),
  inputs: z
    .array(oipInputTensorSchema)
    .min(1, 'at least one input tensor is required')
    .max(64)
    .superRefine((inputs, ctx) => {
      // Two tensors under one name: which one the model would get is arbitrary, so the request is refused.
      const first = new Map<string, number>();
      inputs.forEach((input, index) => {
        const earlier = first.get(input.name);
        if (earlier === undefined) first.set(input.name, index);
        else
          ctx.addIssue({
            code: 'custom',
            path: [index, 'name'],
            message: `input name '${input.name}' repeats (inputs ${earlier} and ${index}): send each input tensor once`,
          });
      });
    }),
  outputs: z.array(z.object({ name: z.string().min(1), parameters: z.record(z.string(), z.unknown()).optional() })).optional(),
});

export type OipInputTensor = z.infer<typeof oipInputTensorSchema>;
export type OipInferRequest = z.infer<typeof oipInferRequestSchema>;

export interface OipOutputTensor {
  name: string;
  shape: number[];
  datatype: OipDatatype;
  data: Array<number | string | boolean>;
}

export interface OipInferResponse {
  model_name: string;
  model_version?: string;
  id?: string;
  parameters?: Record<string, unknown>;
  outputs: OipOutputTensor[];
}

/** A validated tensor, flattened to row-major order. */
export interface DecodedTensor {
  name: string;
  shape: number[];
  datatype: OipDatatype;
  data: Array<number | string | boolean>;
}

export class TensorValidationError extends Error {
  readonly code = 'invalid_input';
}

function flatten(values: unknown[]): unknown[] {
  return values.some(Array.isArray) ? (values.flat(Infinity) as unknown[]) : values;
}

const INTEGER_RANGES: Partial<Record<OipDatatype, [number, number]>> = {
  UINT8: [0, 255],
  UINT16: [0, 65_535],
  UINT32: [0, 4_294_967_295],
  UINT64: [0, Number.MAX_SAFE_INTEGER],
  INT8: [-128, 127],
  INT16: [-32_768, 32_767],
  INT32: [-2_147_483_648, 2_147_483_647],
  INT64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

/** Checks that data matches shape and datatype, element by element; errors name the tensor and index. */
export function decodeTensor(tensor: OipInputTensor): DecodedTensor {
  const elements = tensor.shape.reduce((a, b) => a * b, 1);
  if (elements > MAX_ELEMENTS) {
    throw new TensorValidationError(`input '${tensor.name}': shape [${tensor.shape}] has ${elements} elements, more than the ${MAX_ELEMENTS} allowed`);
  }
  const data = flatten(tensor.data as unknown[]);
  if (data.length !== elements) {
    throw new TensorValidationError(`input '${tensor.name}': shape [${tensor.shape}] needs ${elements} elements but data has ${data.length}`);
  }
  const range = INTEGER_RANGES[tensor.datatype];
  data.forEach((value, i) => {
    const where = `input '${tensor.name}' element ${i}`;
    if (tensor.datatype === 'BYTES') {
      if (typeof value !== 'string') throw new TensorValidationError(`${where}: BYTES elements must be strings`);
    } else if (tensor.datatype === 'BOOL') {
      if (typeof value !== 'boolean') throw new TensorValidationError(`${where}: BOOL elements must be true/false`);
    } else if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new TensorValidationError(`${where}: ${tensor.datatype} elements must be finite numbers`);
    } else if (range && (!Number.isInteger(value) || value < range[0] || value > range[1])) {
      throw new TensorValidationError(`${where}: ${value} is not a valid ${tensor.datatype}`);
    }
  });
  return { name: tensor.name, shape: tensor.shape, datatype: tensor.datatype, data: data as DecodedTensor['data'] };
}
