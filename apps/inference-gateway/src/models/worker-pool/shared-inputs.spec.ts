import type { TensorValue } from '@matrix/model-loading';
import { LocalInputCopies, SharedInputSlots } from './shared-inputs';

const tensor = (data: Float32Array | Int32Array): TensorValue => ({ dtype: data instanceof Int32Array ? 'int32' : 'float32', shape: [data.length], data });

describe('SharedInputSlots (the gateway thread side)', () => {
  it('copies the inputs it is told to lend into shared memory and passes the others as they are', () => {
    const slots = new SharedInputSlots();
    const images = new Float32Array([0.5, -1, 2]);
    const ids = new Int32Array([7, 8]);
    const lent = slots.lend({ images: tensor(images), ids: tensor(ids) }, (data) => data === images);
    const sent = lent.inputs.images.data as Float32Array;
    expect(sent.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(sent).toBeInstanceOf(Float32Array);
    expect(Array.from(sent)).toEqual([0.5, -1, 2]);
    expect(lent.inputs.ids.data).toBe(ids);
    expect(lent.slots).toHaveLength(1);
    images.fill(9); // the caller's buffer is free again: the lent copy does not change
    expect(Array.from(sent)).toEqual([0.5, -1, 2]);
  });

  it('reuses a slot given back for the next input of its size class, and not one still lent', () => {
    const slots = new SharedInputSlots();
    const a = slots.lend({ x: tensor(new Float32Array(1000)) }, () => true);
    const b = slots.lend({ x: tensor(new Float32Array(1000)) }, () => true);
    expect(b.slots[0]).not.toBe(a.slots[0]);
    slots.giveBack(a.slots);
    const c = slots.lend({ x: tensor(new Float32Array(900).fill(1)) }, () => true);
    expect(c.slots[0]).toBe(a.slots[0]);
    expect((c.inputs.x.data as Float32Array).length).toBe(900);
  });
});

describe('LocalInputCopies (the model thread side)', () => {
  it('copies shared inputs into buffers of its own (ONNX Runtime refuses shared ones) and reuses them once released', () => {
    const copies = new LocalInputCopies();
    const shared = new Float32Array(new SharedArrayBuffer(16), 0, 3);
    shared.set([1, 2, 3]);
    const plain = new Float32Array([4]);
    const first = copies.own({ s: tensor(shared), p: tensor(plain) });
    const own = first.inputs.s.data as Float32Array;
    expect(own.buffer).toBeInstanceOf(ArrayBuffer);
    expect(Array.from(own)).toEqual([1, 2, 3]);
    expect(first.inputs.p.data).toBe(plain);
    const second = copies.own({ s: tensor(shared) }); // while the first still runs: another buffer
    expect((second.inputs.s.data as Float32Array).buffer).not.toBe(own.buffer);
    first.release();
    expect((copies.own({ s: tensor(shared) }).inputs.s.data as Float32Array).buffer).toBe(own.buffer);
  });
});
