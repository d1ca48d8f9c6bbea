import { createRng } from '@matrix/evaluation-metrics';
import { buildDenseHead } from './dense-head';
import { useWasmBackend } from './tfjs-wasm';
import { argmaxRows, predictPositive, predictProbabilities, trainHead } from './train-head';

beforeAll(() => useWasmBackend());

/** Three well-separated clusters in 4-d: class c sits around the unit vector e_c. */
function clusters(n: number, seed: number) {
  const rng = createRng(seed);
  const dim = 4;
  const matrix = new Float32Array(n * dim);
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = i % 3;
    labels.push(c);
    for (let d = 0; d < dim; d++) matrix[i * dim + d] = (d === c ? 1 : 0) + (rng() - 0.5) * 0.4;
  }
  return { matrix, labels, dim };
}

describe('trainHead with K classes', () => {
  it('learns a separable 3-class problem, keeps the best held-out epoch and restores its weights', async () => {
    const model = buildDenseHead({ inputDim: 4, hidden: [8], outputs: 3, dropout: 0, l2: 0, seed: 1 });
    const train = clusters(300, 1);
    const heldOut = clusters(60, 2);
    const lines: string[] = [];
    const result = await trainHead(model, train, heldOut, {
      maxEpochs: 8,
      patience: 3,
      batchSize: 32,
      learningRate: 0.05,
      labelSmoothing: 0.1,
      seed: 3,
      classes: 3,
      log: (l) => lines.push(l),
    });
    expect(result.epochs.length).toBeGreaterThan(0);
    const best = result.epochs.find((e) => e.epoch === result.bestEpoch);
    expect(best?.heldOutAccuracy).toBeGreaterThan(0.95);
    const { probabilities, classes } = predictProbabilities(model, heldOut);
    expect(classes).toBe(3);
    const predicted = argmaxRows(probabilities, 3);
    expect(predicted.filter((p, i) => p === heldOut.labels[i]).length / predicted.length).toBeCloseTo(best?.heldOutAccuracy ?? 0, 5);
    expect(lines[0]).toMatch(/^epoch {2}1: train loss/);
  });

  it('gives P(class 1) for a binary head', () => {
    const model = buildDenseHead({ inputDim: 2, hidden: [], outputs: 2, dropout: 0, l2: 0, seed: 1 });
    const p = predictPositive(model, { matrix: Float32Array.from([1, 0, 0, 1]), dim: 2 });
    expect(p).toHaveLength(2);
    const { probabilities } = predictProbabilities(model, { matrix: Float32Array.from([1, 0, 0, 1]), dim: 2 });
    expect(p[0]).toBeCloseTo(probabilities[1], 6);
  });

  it('argmaxRows picks the largest value per row', () => {
    expect(argmaxRows(Float32Array.from([0.1, 0.7, 0.2, 0.5, 0.3, 0.2]), 3)).toEqual([1, 0]);
  });
});
