import { bestEnsembleWeight } from './ensemble-weight';

describe('bestEnsembleWeight', () => {
  it('picks the blend that classifies the held-out rows best', () => {
    // Row 0 (label 0): A right, B wrong. Row 1 (label 1): A wrong but unsure, B right and sure.
    const a = Float32Array.from([0.9, 0.1, 0.45, 0.55 - 0.1 + 0.1 - 0.1]);
    const b = Float32Array.from([0.4, 0.6, 0.0, 1.0]);
    const result = bestEnsembleWeight(a, b, 2, [0, 1], 10);
    expect(result.accuracy).toBe(1);
    expect(result.grid).toHaveLength(11);
    expect(result.grid.find((g) => g.weight === 0)?.accuracy).toBe(0.5);
    expect(result.grid.find((g) => g.weight === 1)?.accuracy).toBe(0.5);
  });
});
