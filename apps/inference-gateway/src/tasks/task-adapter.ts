import type { ModelEntry, ModelHandle, ModelStatus } from '@matrix/model-loading';

/**
 * Runs one batch of prepared samples through a model in a single runtime call. One per task and
 * runtime flavour (tensor model vs transformers.js pipeline); created when a model becomes READY.
 */
export interface TaskAdapter<Sample, Result> {
  run(samples: Sample[]): Promise<Result[]>;
}

/** What an adapter factory gets: the loaded model and where it came from. */
export interface AdapterContext {
  entry: ModelEntry;
  handle: ModelHandle;
  status: ModelStatus;
  labels: string[] | undefined;
}

/** Rows of a [n, d] output as separate arrays (no copy: subarray views). */
export function rowsOf(data: Float32Array, rows: number): Float32Array[] {
  if (rows === 0) return [];
  const width = data.length / rows;
  if (!Number.isInteger(width)) throw new Error(`output of ${data.length} values does not split into ${rows} rows`);
  return Array.from({ length: rows }, (_, i) => data.subarray(i * width, (i + 1) * width));
}

export function toFloat32(data: unknown): Float32Array {
  if (data instanceof Float32Array) return data;
  if (ArrayBuffer.isView(data) && !(data instanceof DataView)) return Float32Array.from(data as unknown as ArrayLike<number>);
  if (Array.isArray(data)) return Float32Array.from(data as number[]);
  throw new Error('model output is not numeric');
}
