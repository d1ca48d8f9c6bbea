import * as tf from '@tensorflow/tfjs';
import { createRng } from '@matrix/evaluation-metrics';
import { useWasmBackend } from '@matrix/model-training';
import { DenseAdam } from './dense-adam';

beforeAll(async () => {
  await useWasmBackend();
});

describe('DenseAdam', () => {
  it('follows tf.train.adam step for step, including entries whose gradient is zero', () => {
    // Six steps of random gradients over 9 entries (an odd count: the paired loop and its last entry), some zero (as rows a minibatch does not touch).
    const rng = createRng(5);
    const start = Array.from({ length: 9 }, () => rng() * 2 - 1);
    const gradients = Array.from({ length: 6 }, (_, step) => start.map((_, p) => ((p + step) % 3 === 0 ? 0 : rng() * 4 - 2)));
    const learningRate = 0.01;

    const reference = tf.variable(tf.tensor1d(start));
    const optimizer = tf.train.adam(learningRate);
    const ours = Float64Array.from(start);
    const adam = new DenseAdam(learningRate);
    for (const g of gradients) {
      const tensor = tf.tensor1d(g);
      optimizer.applyGradients([{ name: reference.name, tensor }]);
      tensor.dispose();
      adam.nextStep();
      const gradient = Float64Array.from(g);
      adam.apply(ours, gradient);
      // The gradient buffer is handed back zeroed, ready for the next minibatch.
      expect(Array.from(gradient)).toEqual(new Array(9).fill(0));
    }
    const expected = reference.dataSync();
    for (let p = 0; p < ours.length; p++) expect(ours[p]).toBeCloseTo(expected[p], 6);
    // …and the parameters moved: the comparison is not between two unchanged arrays.
    expect(Math.max(...Array.from(ours, (v, p) => Math.abs(v - start[p])))).toBeGreaterThan(learningRate);
    optimizer.dispose();
    reference.dispose();
  });

  it('refuses a step before nextStep and gradients of another size', () => {
    const adam = new DenseAdam(0.1);
    expect(() => adam.apply(new Float64Array(2), new Float64Array(2))).toThrow('before nextStep');
    adam.nextStep();
    expect(() => adam.apply(new Float64Array(2), new Float64Array(3))).toThrow('gradients have 3 values for 2 parameters');
  });
});
