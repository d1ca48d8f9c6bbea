import { balancedIndices } from './balanced-indices';

describe('balancedIndices', () => {
  it('repeats the rarer classes up to the most frequent class’s count', () => {
    // labels: rows 0–3 class 0, row 4 class 1, rows 5–6 class 2
    const labels = [0, 0, 0, 0, 1, 2, 2];
    const out = balancedIndices([0, 1, 2, 3, 4, 5, 6], labels);
    expect(out.filter((i) => labels[i] === 0)).toHaveLength(4);
    expect(out.filter((i) => labels[i] === 1)).toEqual([4, 4, 4, 4]);
    expect(out.filter((i) => labels[i] === 2)).toEqual([5, 5, 6, 6]);
  });

  it('only uses the given rows', () => {
    expect(balancedIndices([1, 4], [0, 0, 1, 1, 1])).toEqual([1, 4]);
  });
});
