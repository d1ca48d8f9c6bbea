import type { TensorValue } from '@matrix/model-loading';

/** Buffers whose owners gave them up to the model: a worker pool moves them to its thread instead of copying. */
const handedOver = new WeakSet<ArrayBufferLike>();

/**
 * Gives a freshly built input (a batch's stacked images) to the model: a worker pool transfers its
 * buffer to the worker thread rather than copying it (~6 ms of the gateway's thread per MobileNetV2
 * batch of 16). The caller must not read `data` after the infer call; it is detached then.
 */
export function handOver<T extends ArrayBufferView>(data: T): T {
  handedOver.add(data.buffer);
  return data;
}

/** Input buffers a model thread gave back, one per power-of-two size, for the next batch of that size class. */
const spare = new Map<number, ArrayBuffer>();

function sizeClass(bytes: number): number {
  return 2 ** Math.ceil(Math.log2(Math.max(1, bytes)));
}

/**
 * A Float32Array of `length`, handed over, for a batch input the caller fills completely: on a
 * buffer a model thread gave back where one of its size class is spare (old values, not zeros), so
 * a MobileNetV2 batch does not allocate, zero-fill and later collect ~10 MB each time.
 */
export function handedOverFloat32(length: number): Float32Array {
  const bytes = sizeClass(length * Float32Array.BYTES_PER_ELEMENT);
  const buffer = spare.get(bytes) ?? new ArrayBuffer(bytes);
  spare.delete(bytes);
  return handOver(new Float32Array(buffer, 0, length));
}

/** Keeps a handed-over buffer the model thread gave back after its batch (one per size class). */
export function recycle(buffer: ArrayBuffer): void {
  if (buffer.byteLength === sizeClass(buffer.byteLength) && !spare.has(buffer.byteLength)) spare.set(buffer.byteLength, buffer);
}

/** A typed array that is its whole, non-shared buffer: moving the buffer moves exactly this tensor. */
function ownsWholeBuffer(data: TensorValue['data']): data is Exclude<TensorValue['data'], string[]> {
  return ArrayBuffer.isView(data) && data.buffer instanceof ArrayBuffer && data.byteOffset === 0 && data.byteLength === data.buffer.byteLength;
}

/**
 * The buffers of `tensors` that may be moved rather than copied by postMessage: those handed over,
 * and every whole buffer when the sender owns all of them (a worker's outputs).
 */
export function transferables(tensors: Record<string, TensorValue>, all = false): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const { data } of Object.values(tensors)) {
    if (!ArrayBuffer.isView(data) || !(data.buffer instanceof ArrayBuffer)) continue;
    // A handed-over view may cover part of its (recycled) buffer: the whole buffer moves, and comes back.
    if (handedOver.has(data.buffer) || (all && ownsWholeBuffer(data))) buffers.add(data.buffer);
  }
  return [...buffers];
}

/** Every (non-shared) buffer under `tensors`: a worker gives its handed-over inputs back whole. */
export function buffersOf(tensors: Record<string, TensorValue>): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const { data } of Object.values(tensors)) if (ArrayBuffer.isView(data) && data.buffer instanceof ArrayBuffer) buffers.add(data.buffer);
  return [...buffers];
}
