import { naiveBayesRatios } from './sparse-features';

const row = (indices: number[], values: number[]) => ({ indices: Int32Array.from(indices), values: Float32Array.from(values) });

describe('Naive Bayes log-count ratios', () => {
  it('are log((p/|p|)/(q/|q|)) with add-α smoothing: positive for features of positive rows, 0 for unseen ones', () => {
    const rows = [row([0, 1], [1, 1]), row([0], [2]), row([2], [1])];
    const r = naiveBayesRatios(rows, [1, 1, 0], 4, 1);
    // p = 1 + [3, 1, 0, 0] = [4, 2, 1, 1] (sum 8); q = 1 + [0, 0, 1, 0] = [1, 1, 2, 1] (sum 5).
    expect(Array.from(r)).toEqual(
      [Math.log(4 / 8 / (1 / 5)), Math.log(2 / 8 / (1 / 5)), Math.log(1 / 8 / (2 / 5)), Math.log(1 / 8 / (1 / 5))].map((v) => expect.closeTo(v, 5)),
    );
  });

  it('refuses rows and labels of different lengths', () => {
    expect(() => naiveBayesRatios([row([0], [1])], [1, 0], 2)).toThrow('1 rows but 2 labels');
  });
});
