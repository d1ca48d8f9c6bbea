import { decodeTensor, oipInferRequestSchema, TensorValidationError } from './oip-tensor';

describe('Open Inference Protocol tensors', () => {
  it('accepts a well-formed request and flattens nested data row-major', () => {
    const request = oipInferRequestSchema.parse({
      inputs: [
        {
          name: 'x',
          shape: [2, 2],
          datatype: 'FP32',
          data: [
            [1, 2],
            [3, 4],
          ],
        },
      ],
    });
    expect(decodeTensor(request.inputs[0]).data).toEqual([1, 2, 3, 4]);
  });

  it('rejects an unknown datatype with the allowed list', () => {
    const parsed = oipInferRequestSchema.safeParse({ inputs: [{ name: 'x', shape: [1], datatype: 'FLOAT', data: [1] }] });
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).toMatch(/datatype must be one of BOOL/);
  });

  it('rejects data that does not fill the shape', () => {
    expect(() => decodeTensor({ name: 'x', shape: [2, 3], datatype: 'FP32', data: [1, 2, 3] })).toThrow(
      "input 'x': shape [2,3] needs 6 elements but data has 3",
    );
  });

  it('rejects values outside their datatype', () => {
    expect(() => decodeTensor({ name: 'ids', shape: [2], datatype: 'INT8', data: [1, 300] })).toThrow("input 'ids' element 1: 300 is not a valid INT8");
    expect(() => decodeTensor({ name: 'x', shape: [1], datatype: 'FP32', data: ['a'] })).toThrow(TensorValidationError);
    expect(() => decodeTensor({ name: 's', shape: [1], datatype: 'BYTES', data: [3] })).toThrow(/must be strings/);
  });

  it('refuses absurd element counts before touching the data', () => {
    expect(() => decodeTensor({ name: 'x', shape: [100_000, 100_000], datatype: 'FP32', data: [] })).toThrow(/more than/);
  });
});
