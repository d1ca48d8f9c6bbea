import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listVersions, loadArtifact } from '@matrix/recommender-model';
import { writeArtifact } from './model-artifact';
import { useWasmBackend } from '@matrix/model-training';
import { trainRecommender } from './train-recommender';

describe('model artifacts', () => {
  beforeAll(() => useWasmBackend());

  it('writes a version folder the API can load back, with the ranker as a Dense layer over the item matrix', async () => {
    const events = [
      ...['a', 'b', 'c'].flatMap((u) => ['1', '2'].map((i) => ({ userId: u, itemId: i, rating: 4 }))),
      ...['d', 'e'].flatMap((u) => ['3', '4'].map((i) => ({ userId: u, itemId: i, rating: null }))),
    ];
    const trained = await trainRecommender(events, ['5'], { mf: { epochs: 2, ensemble: 2 } });
    expect(trained.itemIds).toEqual(['1', '2', '3', '4', '5']);
    expect(trained.bpr).toBeNull();
    const dir = mkdtempSync(join(tmpdir(), 'artifact-'));
    const manifest = await writeArtifact(dir, { trained, version: 'v1', metrics: { 'ndcg@10': 0.5 } });
    expect(manifest).toMatchObject({ version: 'v1', ranker: 'ease', rankerInputWidth: 5, counts: { users: 5, items: 5, interactions: 10, ratings: 6 } });
    expect(readdirSync(dir)).toEqual(['v1']);
    expect(listVersions(dir)).toEqual(['v1']);

    const loaded = loadArtifact(dir, 'v1');
    expect(loaded.manifest.metrics).toEqual({ 'ndcg@10': 0.5 });
    expect(loaded.mf?.factors).toBe(trained.mf?.factors);
    expect(Array.from(loaded.mf!.itemBias)).toEqual(Array.from(trained.mf!.itemBias));
    expect(loaded.knn.neighbours).toEqual(trained.knn.neighbours);
    const files = loaded.rankerFiles();
    const topology = JSON.parse(files['model.json'].toString('utf8'));
    expect(topology.weightsManifest[0].weights).toEqual([{ name: 'item_scores/kernel', shape: [5, 5], dtype: 'float32' }]);
    const kernel = new Float32Array(
      files['weights.bin'].buffer.slice(files['weights.bin'].byteOffset, files['weights.bin'].byteOffset + files['weights.bin'].byteLength),
    );
    expect(Array.from(kernel)).toEqual(Array.from(trained.ease!));
    expect(readFileSync(join(dir, 'v1', 'manifest.json'), 'utf8')).toContain('"ranker":"ease"');
    expect(() => loadArtifact(dir, 'v2')).toThrow(/no model version v2/);
  });
});
