import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { checkHeadInputs, headBatch, parseHeadPreprocessing } from '@matrix/head-inputs';
import { headInputTensors, loadLayersModelFiles, useWasmBackend } from '@matrix/model-training';
import { latestAspectArtifact, latestThreeClassArtifact, SENTIMENT_ASPECT_NAME, SENTIMENT_THREE_CLASS_NAME, threeClassModelDir } from '@matrix/sentiment-model';
import { DECISION_FILE, readThreeClassDecision } from '../../src/model/three-class-decision-file';

beforeAll(() => useWasmBackend());

// A fixed unit 512-d vector, like the L2-normalised USE embeddings the heads read.
const EMBEDDING = (() => {
  const raw = Float32Array.from({ length: 512 }, (_, i) => Math.sin(i * 0.37));
  const norm = Math.hypot(...raw);
  return raw.map((v) => v / norm);
})();

describe.each([
  [SENTIMENT_THREE_CLASS_NAME, latestThreeClassArtifact],
  [SENTIMENT_ASPECT_NAME, latestAspectArtifact],
])('the committed %s artifact', (name, latest) => {
  it('is a three-class tfjs-layers head whose inputs match its preprocessing, under 2 MiB, giving three probabilities', async () => {
    const artifact = latest();
    expect(artifact.name).toBe(name);
    expect(artifact.config).toMatchObject({
      version: artifact.version,
      task: 'text-classification',
      runtime: 'tfjs-layers',
      labels: { type: 'inline', values: ['negative', 'neutral', 'positive'] },
      preprocessing: { embeddingModel: 'use-lite-en' },
    });
    expect(artifact.files['model.json'].byteLength + artifact.files['weights.bin'].byteLength).toBeLessThan(2 * 1024 * 1024);
    const model = await loadLayersModelFiles(artifact.files);
    const prep = parseHeadPreprocessing(name, { ...artifact.config.preprocessing });
    // What the gateway checks at registration.
    expect(() =>
      checkHeadInputs(
        name,
        model.inputs.map((i) => i.name),
        prep,
      ),
    ).not.toThrow();
    const fed = headInputTensors(model, headBatch(['The staff were lovely.'], prep, undefined, [EMBEDDING]));
    const out = model.predict(fed) as tf.Tensor;
    const p = Array.from(await out.data());
    tf.dispose([out, ...fed]);
    expect(p).toHaveLength(3);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
  });
});

describe('the committed sentiment-3class version', () => {
  it('carries the decision chosen for it on held-out data (decision.json, well-formed)', () => {
    const version = latestThreeClassArtifact().version;
    expect(existsSync(join(threeClassModelDir(), version, DECISION_FILE))).toBe(true);
    const decision = readThreeClassDecision();
    expect(['binary-head', 'three-class-head']).toContain(decision.polarity);
    expect(Object.values(decision.classWeights).every((w) => w > 0)).toBe(true);
  });
});
