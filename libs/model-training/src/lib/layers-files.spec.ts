import * as tf from '@tensorflow/tfjs';
import { buildDenseHead } from './dense-head';
import { layersModelFiles, loadLayersModelFiles } from './layers-files';
import { useWasmBackend } from './tfjs-wasm';

// The backend the gateway serves tfjs models with here.
beforeAll(() => useWasmBackend());

// A fixed 512-d input: a unit vector like the L2-normalised USE embeddings the head reads.
let input: tf.Tensor;
beforeAll(() => {
  input = tf.tidy(() => {
    const raw = tf.sin(tf.range(0, 512).mul(0.37));
    return raw.div(raw.norm()).reshape([1, 512]);
  });
});

async function probabilities(model: tf.LayersModel): Promise<number[]> {
  const out = model.predict(input) as tf.Tensor;
  const values = Array.from(await out.data());
  out.dispose();
  return values;
}

describe('tfjs-layers files of a head', () => {
  it('round-trip through model.json + weights.bin with the same outputs', async () => {
    const model = buildDenseHead({ inputDim: 512, hidden: [16], outputs: 2, dropout: 0.3, l2: 0, seed: 1 });
    const files = await layersModelFiles(model);
    const manifest = JSON.parse(files['model.json'].toString());
    expect(manifest.weightsManifest[0].paths).toEqual(['weights.bin']);
    // 512×16 + 16 + 16×2 + 2 float32 weights.
    expect(files['weights.bin'].byteLength).toBe((512 * 16 + 16 + 16 * 2 + 2) * 4);
    const loaded = await loadLayersModelFiles(files);
    const [a, b] = [await probabilities(model), await probabilities(loaded)];
    expect(b[0]).toBeCloseTo(a[0], 6);
    expect(b[0] + b[1]).toBeCloseTo(1, 5);
  });

  it('reports missing files by name', async () => {
    await expect(loadLayersModelFiles({ 'model.json': Buffer.from('{}') })).rejects.toThrow(
      'a tfjs-layers model needs model.json and weights.bin (got model.json)',
    );
  });
});
