import type { TensorValue } from '@matrix/model-loading';
import { sizeClass } from './hand-over';

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

/** Buffers kept for reuse, a few per power-of-two size class. */
class SparePool<B extends ArrayBufferLike> {
  private readonly spare = new Map<number, B[]>();
  constructor(
    private readonly create: (bytes: number) => B,
    private readonly keepPerClass = 4,
  ) {}

  take(bytes: number): B {
    const size = sizeClass(bytes);
    return this.spare.get(size)?.pop() ?? this.create(size);
  }

  give(buffer: B): void {
    const list = this.spare.get(buffer.byteLength) ?? [];
    if (list.length < this.keepPerClass && !list.includes(buffer)) list.push(buffer);
    this.spare.set(buffer.byteLength, list);
  }
}

/**
 * The gateway's side of sending a batch to a model thread through shared memory. Every ArrayBuffer an
 * isolate receives counts as new external memory there, and V8 answers external memory with full
 * mark-compacts of the whole heap: moving an 8 MB MobileNetV2 batch buffer to the worker and back made
 * the gateway's thread collect its ~50 MB heap every ~0.3 s (~2 ms of CPU per request, with the
 * concurrent marking threads). Copied into a reused SharedArrayBuffer, a batch allocates nothing here.
 */
export class SharedInputSlots {
  private readonly pool = new SparePool<SharedArrayBuffer>((bytes) => new SharedArrayBuffer(bytes));

  /** `inputs` with each `lend`-marked input copied into a shared slot; give the slots back when the worker has answered. */
  lend(inputs: Record<string, TensorValue>, lend: (data: TensorValue['data']) => boolean): { inputs: Record<string, TensorValue>; slots: SharedArrayBuffer[] } {
    const slots: SharedArrayBuffer[] = [];
    const out: Record<string, TensorValue> = {};
    for (const [name, tensor] of Object.entries(inputs)) {
      if (!ArrayBuffer.isView(tensor.data) || !lend(tensor.data)) {
        out[name] = tensor;
        continue;
      }
      const slot = this.pool.take(tensor.data.byteLength);
      slots.push(slot);
      out[name] = { ...tensor, data: copyInto(tensor.data, slot) } as TensorValue;
    }
    return { inputs: out, slots };
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
    const taken: ArrayBuffer[] = [];
    const out: Record<string, TensorValue> = {};
    for (const [name, tensor] of Object.entries(inputs)) {
      if (!ArrayBuffer.isView(tensor.data) || !(tensor.data.buffer instanceof SharedArrayBuffer)) {
        out[name] = tensor;
        continue;
      }
      const own = this.pool.take(tensor.data.byteLength);
      taken.push(own);
      out[name] = { ...tensor, data: copyInto(tensor.data, own) } as TensorValue;
    }
    return { inputs: out, release: () => taken.forEach((b) => this.pool.give(b)) };
  }
}
