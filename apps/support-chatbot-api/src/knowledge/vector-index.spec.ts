import { InMemoryVectorIndex, normalised } from './vector-index';

describe('InMemoryVectorIndex', () => {
  it('ranks passages by cosine similarity, filters by intent, and replaces an article whole', async () => {
    const index = new InMemoryVectorIndex();
    await index.replaceArticle('a', 'card_arrival', [
      { chunkId: 'a1', vector: Float32Array.from([1, 0, 0]) },
      { chunkId: 'a2', vector: Float32Array.from([0.6, 0.8, 0]) },
    ]);
    await index.replaceArticle('b', null, [{ chunkId: 'b1', vector: Float32Array.from([0, 0, 2]) }]);
    const query = Float32Array.from([2, 0, 0.1]);
    const hits = await index.search(query, { k: 3 });
    expect(hits.map((h) => h.chunkId)).toEqual(['a1', 'a2', 'b1']);
    expect(hits[0].score).toBeCloseTo(2 / Math.sqrt(4.01), 5);
    expect((await index.search(query, { k: 5, intent: 'card_arrival' })).map((h) => h.chunkId)).toEqual(['a1', 'a2']);
    await index.replaceArticle('a', 'card_arrival', [{ chunkId: 'a3', vector: Float32Array.from([0, 1, 0]) }]);
    expect(await index.size()).toBe(2);
    await index.removeArticle('b');
    expect((await index.search(query, { k: 5 })).map((h) => h.chunkId)).toEqual(['a3']);
  });

  it('normalises, leaving a zero vector at zero', () => {
    expect(Array.from(normalised([3, 4]))).toEqual([expect.closeTo(0.6, 6), expect.closeTo(0.8, 6)]);
    expect(Array.from(normalised([0, 0]))).toEqual([0, 0]);
  });
});
