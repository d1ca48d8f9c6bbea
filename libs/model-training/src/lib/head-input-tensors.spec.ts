import * as tf from '@tensorflow/tfjs';
import { headInputTensors, sparseFeatureInputs, tokenInputs } from './head-input-tensors';

const row = (indices: number[], values: number[]) => ({ indices: Int32Array.from(indices), values: Float32Array.from(values) });

describe('sparse feature inputs (as the gateway builds them)', () => {
  it('right-pads ids and values with 0 to the longest row of the batch, in the order given', () => {
    const rows = [row([4, 9], [0.6, 0.8]), row([2], [1]), row([1, 2, 3], [0.5, 0.5, 0.7])];
    const [ids, values] = sparseFeatureInputs(rows, [1, 0]);
    expect(ids.shape).toEqual([2, 2]);
    expect(values.shape).toEqual([2, 2, 1]);
    expect(Array.from(ids.dataSync())).toEqual([2, 0, 4, 9]);
    expect(Array.from(values.dataSync())).toEqual([1, 0, 0.6, 0.8].map((v) => expect.closeTo(v, 6)));
    const [fixed] = sparseFeatureInputs(rows, [2], 2);
    expect(Array.from(fixed.dataSync())).toEqual([1, 2]);
  });

  it('keeps one column for a batch of empty rows (a text without words)', () => {
    const [ids, values] = sparseFeatureInputs([row([], [])], [0]);
    expect(ids.shape).toEqual([1, 1]);
    expect(Array.from(values.dataSync())).toEqual([0]);
  });
});

describe('token inputs (as the gateway builds them)', () => {
  it('right-pads ids with 0 and puts 1/len on each real token, so the mean ignores padding', () => {
    const rows = [Int32Array.from([5, 6, 7]), Int32Array.from([9])];
    const [ids, weights] = tokenInputs(rows, [1, 0], 4);
    expect(Array.from(ids.dataSync())).toEqual([9, 0, 0, 0, 5, 6, 7, 0]);
    expect(Array.from(weights.dataSync())).toEqual([1, 0, 0, 0, 1 / 3, 1 / 3, 1 / 3, 0].map((v) => expect.closeTo(v, 6)));
    expect(weights.shape).toEqual([2, 4, 1]);
  });

  it('word dropout leaves tokens out of the mean but always keeps one, weights summing to 1', () => {
    let state = 1;
    const random = () => (state = (state * 16807) % 2147483647) / 2147483647;
    const rows = Array.from({ length: 200 }, (_, i) => Int32Array.from({ length: 1 + (i % 6) }, (_, j) => j + 1));
    const [, weights] = tokenInputs(
      rows,
      rows.map((_, i) => i),
      6,
      0.5,
      random,
    );
    const w = weights.dataSync();
    let dropped = 0;
    rows.forEach((row, i) => {
      const mine = Array.from(w.subarray(i * 6, i * 6 + 6));
      expect(mine.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      dropped += row.length - mine.filter((v) => v > 0).length;
    });
    expect(dropped).toBeGreaterThan(100);
  });
});

describe('headInputTensors', () => {
  it('feeds a layers model every input by name, in the model order, with its fixed token length', () => {
    const ids = tf.input({ shape: [3], dtype: 'int32', name: 'input_ids' });
    const weights = tf.input({ shape: [3, 1], name: 'token_weights' });
    const embedding = tf.input({ shape: [2], name: 'embedding' });
    const featureIds = tf.input({ shape: [null], dtype: 'int32', name: 'feature_ids' });
    const featureValues = tf.input({ shape: [null, 1], name: 'feature_values' });
    const out = tf.layers.concatenate().apply([tf.layers.flatten().apply(weights) as tf.SymbolicTensor, embedding]) as tf.SymbolicTensor;
    const model = tf.model({ inputs: [embedding, featureValues, ids, weights, featureIds], outputs: out });
    const fed = headInputTensors(model, {
      size: 2,
      tokenIds: [Int32Array.from([7]), Int32Array.from([1, 2])],
      features: [row([3, 5], [0.6, 0.8]), row([1], [1])],
      embeddings: [Float32Array.from([1, 2]), Float32Array.from([3, 4])],
    });
    expect(fed.map((t) => t.shape)).toEqual([
      [2, 2],
      [2, 2, 1],
      [2, 3],
      [2, 3, 1],
      [2, 2],
    ]);
    expect(Array.from(fed[2].dataSync())).toEqual([7, 0, 0, 1, 2, 0]);
    expect(Array.from(fed[4].dataSync())).toEqual([3, 5, 1, 0]);
    expect(() => headInputTensors(model, { size: 2 })).toThrow('every sample needs an embedding');
  });
});
