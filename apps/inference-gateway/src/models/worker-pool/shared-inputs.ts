import type { TensorValue } from '@matrix/model-loading';
import { SparePool } from './spare-pool';

type TypedData = Exclude<TensorValue['data'], string[]>;
type TypedArrayOn = new (buffer: ArrayBufferLike, byteOffset: number, length: number) => TypedData;

function bytesOf(data: TypedData): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** `data`'s values copied to the start of `buffer`, as the same typed array. */
function copyInto(data: TypedData, buffer: ArrayBufferLike): TypedData {
  new Uint8Array(buffer, 0, data.byteLength).set(bytesOf(data));
  return new (data.constructor as TypedArrayOn)(buffer, 0, data.length);
}

/** `inputs` with each typed input that `matches` copied into a buffer from `pool`: the buffers taken, and the ones they replaced. */
function copyMatching<B extends ArrayBufferLike>(
  inputs: Record<string, TensorValue>,
  matches: (data: TypedData) => boolean,
  pool: SparePool<B>,
): { inputs: Record<string, TensorValue>; taken: B[]; replaced: ArrayBufferLike[] } {
  const taken: B[] = [];
  const replaced: ArrayBufferLike[] = [];
  const out: Record<string, TensorValue> = {};
  for (const [name, tensor] of Object.entries(inputs)) {
    if (!ArrayBuffer.isView(tensor.data) || !matches(tensor.data)) {
      out[name] = tensor;
      continue;
    }
    const buffer = pool.take(tensor.data.byteLength);
    taken.push(buffer);
    replaced.push(tensor.data.buffer);
    out[name] = { ...tensor, data: copyInto(tensor.data, buffer) } as TensorValue;
  }
  return { inputs: out, taken, replaced };
}

/**
 * The gateway's side of sending a batch to a model thread through shared memory. Moving the batch
 * buffer to the worker and back made a new ArrayBuffer arrive on the gateway's thread per batch (9.6 MB
 * for a MobileNetV2 batch of 16), weighing on V8's full-collection limit; copied into a reused
 * SharedArrayBuffer, a batch allocates nothing here (175–176 against 160–167 req/s, README fourth round).
 */
export class SharedInputSlots {
  private readonly pool = new SparePool<SharedArrayBuffer>((bytes) => new SharedArrayBuffer(bytes));

  /**
   * `inputs` with each input that `lend` picks copied into a shared slot. Give the slots back when the worker has
   * answered; the replaced buffers are free for the caller's next batch at once.
   */
  lend(
    inputs: Record<string, TensorValue>,
    lend: (data: TypedData) => boolean,
  ): { inputs: Record<string, TensorValue>; slots: SharedArrayBuffer[]; replaced: ArrayBufferLike[] } {
    const copied = copyMatching(inputs, lend, this.pool);
    return { inputs: copied.inputs, slots: copied.taken, replaced: copied.replaced };
  }

  giveBack(slots: SharedArrayBuffer[]): void {
    slots.forEach((slot) => this.pool.give(slot));
  }
}

/**
 * The model thread's side: inputs on shared memory copied into this thread's own reused buffers
 * (ONNX Runtime refuses a tensor on a SharedArrayBuffer), to give back once the model has run.
 */
export class LocalInputCopies {
  private readonly pool = new SparePool<ArrayBuffer>((bytes) => new ArrayBuffer(bytes));

  own(inputs: Record<string, TensorValue>): { inputs: Record<string, TensorValue>; release: () => void } {
    const copied = copyMatching(inputs, (data) => data.buffer instanceof SharedArrayBuffer, this.pool);
    return { inputs: copied.inputs, release: () => copied.taken.forEach((b) => this.pool.give(b)) };
  }
}
