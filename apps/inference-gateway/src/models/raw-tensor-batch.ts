import type { TensorData, TensorInfo, TensorValue } from '@matrix/model-loading';

/** One Open Inference Protocol request, already decoded into runtime tensors. */
export interface RawRequest {
  inputs: Record<string, TensorValue>;
  outputs?: string[];
}

export type RawResult = Record<string, TensorValue>;

/** Requests can be stacked along axis 0 when the model's inputs all have a dynamic batch axis. */
export function modelHasBatchAxis(inputs: TensorInfo[]): boolean {
  return inputs.length > 0 && inputs.every((input) => input.shape.length > 0 && input.shape[0] === -1);
}

function sameLayout(a: RawRequest, b: RawRequest): boolean {
  const names = Object.keys(a.inputs).sort();
  if (names.join() !== Object.keys(b.inputs).sort().join()) return false;
  if ((a.outputs ?? []).join() !== (b.outputs ?? []).join()) return false;
  return names.every((name) => {
    const x = a.inputs[name];
    const y = b.inputs[name];
    return x.dtype === y.dtype && x.shape.length === y.shape.length && x.shape.slice(1).join() === y.shape.slice(1).join();
  });
}

function concat(parts: TensorData[]): TensorData {
  if (Array.isArray(parts[0])) return (parts as string[][]).flat();
  const first = parts[0] as Float32Array;
  const total = parts.reduce((n, p) => n + p.length, 0);
  const out = new (first.constructor as { new (n: number): Float32Array })(total);
  let offset = 0;
  for (const part of parts as Float32Array[]) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function slice(data: TensorData, start: number, end: number): TensorData {
  return Array.isArray(data) ? data.slice(start, end) : (data as Float32Array).slice(start, end);
}

/**
 * Runs a batch of raw requests: stacked into one call along axis 0 when their layouts agree,
 * split back by each request's own batch size; otherwise one call per request.
 */
export async function runRawBatch(
  requests: RawRequest[],
  batchable: boolean,
  infer: (inputs: Record<string, TensorValue>, outputs?: string[]) => Promise<RawResult>,
): Promise<RawResult[]> {
  const stackable = batchable && requests.length > 1 && requests.every((r) => sameLayout(requests[0], r));
  if (!stackable) {
    const results: RawResult[] = [];
    for (const request of requests) results.push(await infer(request.inputs, request.outputs));
    return results;
  }
  const names = Object.keys(requests[0].inputs);
  const sizes = requests.map((r) => r.inputs[names[0]].shape[0]);
  const total = sizes.reduce((a, b) => a + b, 0);
  const stacked: Record<string, TensorValue> = {};
  for (const name of names) {
    const first = requests[0].inputs[name];
    stacked[name] = { dtype: first.dtype, shape: [total, ...first.shape.slice(1)], data: concat(requests.map((r) => r.inputs[name].data)) };
  }
  const merged = await infer(stacked, requests[0].outputs);
  const results: RawResult[] = requests.map(() => ({}));
  for (const [name, tensor] of Object.entries(merged)) {
    const rowsTotal = tensor.shape[0];
    if (rowsTotal !== total) throw new Error(`output '${name}' has ${rowsTotal} rows for ${total} stacked inputs; the model does not batch on axis 0`);
    const perRow = tensor.data.length / total;
    let row = 0;
    requests.forEach((_, i) => {
      results[i][name] = {
        dtype: tensor.dtype,
        shape: [sizes[i], ...tensor.shape.slice(1)],
        data: slice(tensor.data, row * perRow, (row + sizes[i]) * perRow),
      };
      row += sizes[i];
    });
  }
  return results;
}
