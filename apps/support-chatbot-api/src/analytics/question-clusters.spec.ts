import { clusterQuestions, type Question } from './question-clusters';

const q = (id: string, vector: number[], intent: string | null = null, minute = 0): Question => ({
  id,
  text: `question ${id}`,
  intent,
  createdAt: new Date(Date.UTC(2026, 0, 1, 0, minute)),
  vector: Float32Array.from(vector),
});

describe('clusterQuestions', () => {
  it('groups near-duplicates, biggest group first, with the most common intent guess', () => {
    const clusters = clusterQuestions([
      q('a', [1, 0, 0], 'crypto', 1),
      q('b', [0, 1, 0], null, 2),
      q('c', [0.95, 0.1, 0], 'crypto', 3),
      q('d', [0.9, 0, 0.1], 'stocks', 4),
    ]);
    expect(clusters.map((c) => c.count)).toEqual([3, 1]);
    expect(clusters[0]).toMatchObject({ likelyIntent: 'crypto', lastAskedAt: '2026-01-01T00:04:00.000Z' });
    expect(clusters[0].examples).toHaveLength(3);
    expect(clusters[1]).toMatchObject({ representative: 'question b', likelyIntent: null });
  });

  it('keeps dissimilar questions apart', () => {
    expect(clusterQuestions([q('a', [1, 0]), q('b', [0, 1])], 0.6)).toHaveLength(2);
    expect(clusterQuestions([])).toEqual([]);
  });
});
