import { naiveBayesRatios, sparseFeatureInputs } from './sparse-features';

const row = (indices: number[], values: number[]) => ({ indices: Int32Array.from(indices), values: Float32Array.from(values) });

describe('Naive Bayes log-count ratios', () => {
  it('are log((p/|p|)/(q/|q|)) with add-α smoothing: positive for features of positive rows, 0 for unseen ones', () => {
    const rows = [row([0, 1], [1, 1]), row([0], [2]), row([2], [1])];
    const r = naiveBayesRatios(rows, [1, 1, 0], 4, 1);
    // p = 1 + [3, 1, 0, 0] = [4, 2, 1, 1] (sum 8); q = 1 + [0, 0, 1, 0] = [1, 1, 2, 1] (sum 5).
    expect(Array.from(r)).toEqual([Math.log(4 / 8 / (1 / 5)), Math.log(2 / 8 / (1 / 5)), Math.log(1 / 8 / (2 / 5)), Math.log(1 / 8 / (1 / 5))].map((v) => expect.closeTo(v, 5)));
  });

  it('refuses rows and labels of different lengths', () => {
    expect(() => naiveBayesRatios([row([0], [1])], [1, 0], 2)).toThrow('1 rows but 2 labels');
  });
});

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
