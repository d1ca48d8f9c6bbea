import { join } from 'node:path';
import { bundledManifestsDir, defaultRuntimes, loadManifestFile, loadModelLoadingSettings, ModelRepository } from '@matrix/model-loading';
import { handedOverFloat32, handOver } from './hand-over';
import { pooledRuntimes } from './pooled-runtime';

/** Event-loop turns that pass while `work` is pending: a call that holds the thread lets (almost) none pass. */
async function turnsDuring(work: Promise<unknown>): Promise<number> {
  let pending = true;
  let turns = 0;
  const finished = work.finally(() => (pending = false));
  await new Promise<void>((resolve) => {
    const tick = () => {
      if (!pending) return resolve();
      turns++;
      setImmediate(tick);
    };
    setImmediate(tick);
  });
  await finished;
  return turns;
}

describe('pooledRuntimes: ONNX Runtime off the event loop', () => {
  // The real MobileNetV2-int8 of the offline manifest (one instance), as the gateway loads it.
  let repository: ModelRepository;

  beforeAll(async () => {
    const manifest = await loadManifestFile(join(bundledManifestsDir(), 'offline.yaml'));
    repository = new ModelRepository(manifest, { settings: loadModelLoadingSettings(), runtimes: pooledRuntimes(defaultRuntimes()) });
    await repository.load('mobilenetv2-int8');
  }, 60_000);

  afterAll(() => repository?.unloadAll());

  it('runs a one-instance ONNX model in a worker thread, so the gateway keeps serving while a batch runs', async () => {
    const handle = repository.handle('mobilenetv2-int8');
    if (handle.kind !== 'tensor') throw new Error('mobilenetv2-int8 should be a tensor model');
    expect(handle.device.detail).toMatch(/1 instance in worker threads/);
    const batch = 8;
    const input = { dtype: 'float32' as const, shape: [batch, 3, 224, 224], data: new Float32Array(batch * 3 * 224 * 224).fill(0.5) };
    let outputs: Awaited<ReturnType<typeof handle.infer>> = {};
    const turns = await turnsDuring(handle.infer({ [handle.inputs[0].name]: input }).then((o) => (outputs = o)));
    expect(Object.values(outputs)[0].shape).toEqual([batch, 1000]);
    // In the calling thread, session.run would hold the loop for the whole batch (one or two turns at most).
    expect(turns).toBeGreaterThan(10);
  }, 60_000);

  it('sends a handed-over input through shared memory: same answer, and its buffer stays here, whole', async () => {
    const handle = repository.handle('mobilenetv2-int8');
    if (handle.kind !== 'tensor') throw new Error('mobilenetv2-int8 should be a tensor model');
    const shape = [1, 3, 224, 224];
    const kept = new Float32Array(3 * 224 * 224).fill(0.25);
    const given = handOver(new Float32Array(3 * 224 * 224).fill(0.25));
    const keptOut = await handle.infer({ [handle.inputs[0].name]: { dtype: 'float32', shape, data: kept } });
    const givenOut = await handle.infer({ [handle.inputs[0].name]: { dtype: 'float32', shape, data: given } });
    expect(kept[0]).toBe(0.25);
    // Not transferred (a moved buffer is detached here, and a new one would arrive with the answer).
    expect(given.buffer.byteLength).toBe(3 * 224 * 224 * 4);
    expect(Object.values(givenOut)[0].data).toEqual(Object.values(keptOut)[0].data);
  }, 60_000);

  it('gives a handed-over batch buffer to the next batch of its size class as soon as the batch is sent', async () => {
    const handle = repository.handle('mobilenetv2-int8');
    if (handle.kind !== 'tensor') throw new Error('mobilenetv2-int8 should be a tensor model');
    const length = 2 * 3 * 224 * 224;
    const first = handedOverFloat32(length).fill(0.75);
    expect(first.buffer.byteLength).toBe(2 ** 21); // 1.2 MB in its power-of-two class
    const running = handle.infer({ [handle.inputs[0].name]: { dtype: 'float32', shape: [2, 3, 224, 224], data: first } });
    // Same size class (a little shorter): the same buffer, old values and all (a fresh one is zeros), while the batch runs.
    const next = handedOverFloat32(length - 1000);
    expect(next.buffer).toBe(first.buffer);
    expect(next[0]).toBe(0.75);
    expect(handedOverFloat32(length)[0]).toBe(0); // the spare went to `next`: a fresh buffer
    next.fill(0); // overwriting it does not reach the batch already sent
    const out = await running;
    const reference = await handle.infer({ [handle.inputs[0].name]: { dtype: 'float32', shape: [2, 3, 224, 224], data: new Float32Array(length).fill(0.75) } });
    expect(Object.values(out)[0].shape).toEqual([2, 1000]);
    expect(Object.values(out)[0].data).toEqual(Object.values(reference)[0].data);
  }, 60_000);
});
