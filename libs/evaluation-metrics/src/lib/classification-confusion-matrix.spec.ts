import { confusionMatrix } from './classification-confusion-matrix';

describe('confusionMatrix', () => {
  // Reference: sklearn.metrics.confusion_matrix docstring examples.
  it('matches the sklearn numeric example (rows = truth, columns = prediction)', () => {
    expect(confusionMatrix([2, 0, 2, 2, 0, 1], [0, 0, 2, 2, 0, 2])).toEqual({
      labels: [0, 1, 2],
      matrix: [
        [2, 0, 0],
        [0, 0, 1],
        [1, 0, 2],
      ],
    });
  });

  it('matches the sklearn string example with an explicit label order', () => {
    const yTrue = ['cat', 'ant', 'cat', 'cat', 'ant', 'bird'];
    const yPred = ['ant', 'ant', 'cat', 'cat', 'ant', 'cat'];
    expect(confusionMatrix(yTrue, yPred, { labels: ['ant', 'bird', 'cat'] }).matrix).toEqual([
      [2, 0, 0],
      [0, 0, 1],
      [1, 0, 2],
    ]);
    // Reversed order permutes both axes.
    expect(confusionMatrix(yTrue, yPred, { labels: ['cat', 'bird', 'ant'] }).matrix).toEqual([
      [2, 0, 1],
      [1, 0, 0],
      [0, 0, 2],
    ]);
  });

  it('drops samples outside a label subset and includes labels that only appear as predictions', () => {
    expect(confusionMatrix(['a', 'b', 'c'], ['a', 'c', 'c'], { labels: ['a', 'b'] }).matrix).toEqual([
      [1, 0],
      [0, 0],
    ]);
    expect(confusionMatrix(['a', 'a'], ['a', 'z']).labels).toEqual(['a', 'z']);
  });

  it('rejects misaligned, empty and duplicate-label input', () => {
    expect(() => confusionMatrix([1, 2], [1])).toThrow(/length mismatch/);
    expect(() => confusionMatrix([], [])).toThrow(/no samples/);
    expect(() => confusionMatrix([1], [1], { labels: [1, 1] })).toThrow(/duplicate label/);
  });
});
