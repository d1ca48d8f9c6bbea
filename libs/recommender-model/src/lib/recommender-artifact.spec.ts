import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listVersions, loadArtifact, writeVersionFolder, type ArtifactManifest, type VersionFolder } from './recommender-artifact';

const manifest = (version: string): ArtifactManifest => ({
  version,
  createdAt: '2026-11-26T00:00:00.000Z',
  ranker: 'bpr',
  rankerInputWidth: 2,
  userIds: ['u1', 'u2'],
  itemIds: ['a', 'b', 'c'],
  popularity: [2, 1, 0],
  counts: { users: 2, items: 3, interactions: 3, ratings: 2 },
  seconds: { bpr: 1 },
  metrics: { 'ndcg@10': 0.5 },
  params: {},
  mf: { factors: 1, globalMean: 3.5, minRating: 1, maxRating: 5 },
  bprFactors: 2,
  content: { model: 'use-lite-en', version: '1', dimensions: 2 },
});

const folder = (version: string): VersionFolder => ({
  manifest: manifest(version),
  rankerFiles: { 'model.json': Buffer.from('{"format":"layers-model"}'), 'weights.bin': Buffer.from([1, 2, 3, 4]) },
  knn: { neighbours: [[[1, 0.5]], [[0, 0.5]], []] },
  mf: {
    globalMean: 3.5,
    factors: 1,
    userFactors: Float32Array.of(1, 2),
    itemFactors: Float32Array.of(3, 4, 5),
    userBias: Float32Array.of(0.1, 0.2),
    itemBias: Float32Array.of(0.3, 0.4, 0.5),
    minRating: 1,
    maxRating: 5,
  },
  bprUserFactors: Float32Array.of(1, 0, 0, 1),
  content: Float32Array.of(1, 0, 0, 1, 0.6, 0.8),
});

describe('recommender version folders', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'recommender-artifact-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('loads back what was written: manifest, kNN, MF split into its four parts, BPR users, content, ranker files', () => {
    writeVersionFolder(dir, folder('v1'));
    const loaded = loadArtifact(dir, 'v1');
    expect(loaded.manifest).toEqual(manifest('v1'));
    expect(loaded.knn).toEqual(folder('v1').knn);
    expect(loaded.mf && [loaded.mf.userFactors, loaded.mf.itemFactors, loaded.mf.userBias, loaded.mf.itemBias].map((a) => Array.from(a))).toEqual([
      [1, 2],
      [3, 4, 5],
      [0.1, 0.2].map(Math.fround),
      [0.3, 0.4, 0.5].map(Math.fround),
    ]);
    expect(Array.from(loaded.bprUserFactors ?? [])).toEqual([1, 0, 0, 1]);
    expect(Array.from(loaded.content ?? []).map((v) => +v.toFixed(6))).toEqual([1, 0, 0, 1, 0.6, 0.8]);
    expect(loaded.rankerFiles()['weights.bin']).toEqual(Buffer.from([1, 2, 3, 4]));
    expect(readdirSync(join(dir, 'v1')).sort()).toEqual(['bpr-users.bin', 'content.bin', 'knn.json', 'manifest.json', 'mf.bin', 'ranker']);
  });

  it('lists complete versions newest first, never a staging folder', () => {
    writeVersionFolder(dir, folder('2026-11-26T09-00-00-000Z'));
    writeVersionFolder(dir, folder('2026-11-27T09-00-00-000Z'));
    expect(listVersions(dir)).toEqual(['2026-11-27T09-00-00-000Z', '2026-11-26T09-00-00-000Z']);
    expect(() => loadArtifact(dir, 'v9')).toThrow(/no model version v9/);
  });
});
