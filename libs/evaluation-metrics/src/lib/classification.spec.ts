import { accuracy } from './classification';

describe('accuracy', () => {
  it('counts exact matches', () => {
    expect(accuracy([1, 0, 1, 1], [1, 1, 1, 0])).toBe(0.5);
  });
});
