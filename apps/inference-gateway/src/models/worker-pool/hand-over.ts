import type { TensorValue } from '@matrix/model-loading';
import { SparePool } from './spare-pool';

/** Buffers whose owners gave them up to the model: the caller does not read them after its infer call. */
const handedOver = new WeakSet<ArrayBufferLike>();

/**
 * Gives a freshly built input (a batch's stacked images) to the model: a worker pool copies it into
 * shared memory and reuses its buffer for the next batch (see shared-inputs.ts). The caller must not
 * read `data` after the infer call.
 */
export function handOver<T extends ArrayBufferView>(data: T): T {
  handedOver.add(data.buffer);
  return data;
}

export function isHandedOver(data: ArrayBufferView): boolean {
  return handedOver.has(data.buffer);
}

/** Input buffers the model no longer needs, one per size class, for the next batch of that size class. */
const spare = new SparePool<ArrayBuffer>((bytes) => new ArrayBuffer(bytes), 1);

/**
 * A Float32Array of `length`, handed over, for a batch input the caller fills completely: on a
 * buffer of its size class that a worker pool gave back (old values, not zeros), so a MobileNetV2
 * batch does not allocate, zero-fill and later collect ~10 MB each time.
 */
export function handedOverFloat32(length: number): Float32Array {
  return handOver(new Float32Array(spare.take(length * Float32Array.BYTES_PER_ELEMENT), 0, length));
}

/** Keeps a handed-over buffer whose values the model has taken (one per size class). */
export function recycle(buffer: ArrayBufferLike): void {
  if (buffer instanceof ArrayBuffer) spare.give(buffer);
}

/** A typed array that is its whole, non-shared buffer: moving the buffer moves exactly this tensor. */
function ownsWholeBuffer(data: TensorValue['data']): data is Exclude<TensorValue['data'], string[]> {
  return ArrayBuffer.isView(data) && data.buffer instanceof ArrayBuffer && data.byteOffset === 0 && data.byteLength === data.buffer.byteLength;
}

/** The buffers of `tensors` that postMessage may move rather than copy: each whole, non-shared one (a worker's own outputs). */
export function transferables(tensors: Record<string, TensorValue>): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const { data } of Object.values(tensors)) if (ownsWholeBuffer(data)) buffers.add(data.buffer as ArrayBuffer);
  return [...buffers];
}
