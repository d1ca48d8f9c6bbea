import { mkdtempSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@matrix/db';
import { manifestWithModels, startGatewayProcess, withTestCredentials, type GatewayProcess } from '@matrix/dev-harness';
import { easeScores, loadArtifact } from '@matrix/recommender-model';
import { call, movieLensSlice, startApi, waitFor, type Json, type RunningApi } from './support/harness';

// The recommender API in-process on a temp SQLite database, through the REAL inference gateway (a
// child process: USE embeddings for item texts, and the ranker the API registers after training),
// on a slice of the real MovieLens 100K (users ≤ 80, movies ≤ 250).

const MAX_USER = 80;
const MAX_ITEM = 250;

describe('recommender-api through the real gateway', () => {
  let gateway: GatewayProcess;
  let db: TestDatabase;
  let api: RunningApi;
  const modelDir = mkdtempSync(join(tmpdir(), 'recommender-models-'));
  const slice = movieLensSlice(MAX_USER, MAX_ITEM);
  const get = (path: string) => call('GET', `${api.url}${path}`);
  const post = (path: string, body?: unknown, type?: string) => call('POST', `${api.url}${path}`, body ?? {}, type);

  beforeAll(async () => {
    [gateway, db] = await Promise.all([
      startGatewayProcess({ MODEL_MANIFEST: manifestWithModels(['use-lite-en']), GATEWAY_MODEL_STORE: mkdtempSync(join(tmpdir(), 'recommender-store-')) }),
      createTestDatabase('sqlite'),
    ]);
    api = await startApi({ RECOMMENDER_DATABASE_URL: db.url, GATEWAY_URL: gateway.url, RECOMMENDER_MODEL_DIR: modelDir });
  }, 90_000);

  afterAll(async () => {
    await api?.close();
    await gateway?.stop();
    await db?.drop();
  });

  it('imports MovieLens items and ratings, reporting bad rows with the reason and storing the rest once', async () => {
    const items = await post('/api/imports/items?format=movielens', slice.uItem, 'text/plain');
    expect(items.status).toBe(200);
    expect(items.body).toMatchObject({ accepted: MAX_ITEM, rejectedCount: 0 });
    const bad = ['1\t2\t3', `5\t${MAX_ITEM + 500}\t4\t881250949`, '7\t3\t9\t881250949'];
    const lines = slice.uData.split('\n');
    const data = [...lines.slice(0, 10), ...bad, ...lines.slice(10)].join('\n');
    const first = await post('/api/imports/interactions?format=movielens', data, 'text/plain');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ received: slice.ratings.length + 3, accepted: slice.ratings.length, duplicates: 0, rejectedCount: 3 });
    expect(first.body.rejected).toEqual([
      { row: 11, reason: expect.stringMatching(/expected "user<TAB>item<TAB>rating<TAB>timestamp"/) },
      { row: 12, reason: `itemId: unknown item '${MAX_ITEM + 500}' (add it with POST /api/items or an items import first)` },
      { row: 13, reason: 'value: a rating needs a value from 1 to 5' },
    ]);
    expect(await db.client.recommenderInteraction.count()).toBe(slice.ratings.length);
    const again = await post('/api/imports/interactions?format=movielens', slice.uData, 'text/plain');
    expect(again.body).toMatchObject({ accepted: 0, duplicates: slice.ratings.length, rejectedCount: 0 });
    expect(await db.client.recommenderInteraction.count()).toBe(slice.ratings.length);
  });

  it('records single events idempotently and refuses invalid ones with a message that says what to fix', async () => {
    const event = { id: 'e2e-click-1', userId: 'new-user', itemId: '50', type: 'click', timestamp: '2026-11-26T10:00:00Z' };
    expect((await post('/api/events', event)).body).toMatchObject({ accepted: 1, duplicates: 0 });
    expect((await post('/api/events', event)).body).toMatchObject({ accepted: 0, duplicates: 1 });
    const badRating = await post('/api/events', { userId: 'u', itemId: '1', type: 'rating', value: 7 });
    expect([badRating.status, badRating.body.error]).toEqual([422, 'value: a rating needs a value from 1 to 5']);
    const unknownItem = await post('/api/events', { userId: 'u', itemId: 'nope', type: 'view' });
    expect(unknownItem.status).toBe(422);
    expect(unknownItem.body.error).toMatch(/unknown item 'nope'/);
    const batch = await post('/api/events', {
      events: [
        { userId: 'u2', itemId: '1', type: 'view' },
        { userId: 'u2', itemId: '1', type: 'like' },
      ],
    });
    expect(batch.body).toMatchObject({
      accepted: 1,
      rejectedCount: 1,
      rejected: [{ row: 2, reason: 'type: type must be one of rating, view, click, purchase' }],
    });
    expect((await get('/api/events?userId=new-user')).body).toMatchObject({ total: 1, items: [{ id: 'e2e-click-1', type: 'click', value: null }] });
  });

  it('refuses events dated outside the plausible window (422 naming the field and window), alone, in batches and in imports', async () => {
    const count = () => db.client.recommenderInteraction.count();
    const before = await count();
    const future = await post('/api/events', { userId: 'time-traveller', itemId: '1', type: 'view', timestamp: '9999-12-31T00:00:00Z' });
    expect([future.status, future.body.code]).toEqual([422, 'validation_failed']);
    expect(future.body.error).toMatch(
      /^timestamp: 9999-12-31T00:00:00\.000Z is outside the accepted window 1995-01-01T00:00:00\.000Z … \d{4}-\d\d-\d\dT.*RECOMMENDER_EVENTS_FROM/,
    );
    const epoch = await post('/api/events', { userId: 'time-traveller', itemId: '1', type: 'view', timestamp: 0 });
    expect([epoch.status, epoch.body.error]).toEqual([422, expect.stringMatching(/^timestamp: 1970-01-01T00:00:00\.000Z is outside the accepted window/)]);
    const batch = await post('/api/events', {
      events: [
        { userId: 'time-traveller', itemId: '1', type: 'view', timestamp: '2999-01-01T00:00:00Z' },
        { userId: 'time-traveller', itemId: '1', type: 'view', timestamp: '1990-05-01T00:00:00Z' },
      ],
    });
    expect(batch.body).toMatchObject({ accepted: 0, rejectedCount: 2, rejected: [{ row: 1 }, { row: 2 }] });
    const csv = await post(
      '/api/imports/interactions',
      'userId,itemId,type,timestamp\ntime-traveller,1,view,9999-12-31T00:00:00Z\ntime-traveller,2,click,1\n',
      'text/csv',
    );
    expect(csv.body).toMatchObject({ accepted: 0, rejectedCount: 2 });
    expect(csv.body.rejected).toEqual([
      { row: 1, reason: expect.stringMatching(/^timestamp: 9999-12-31T00:00:00\.000Z is outside the accepted window/) },
      { row: 2, reason: expect.stringMatching(/^timestamp: 1970-01-01T00:00:01\.000Z is outside the accepted window/) },
    ]);
    const movieLens = await post('/api/imports/interactions?format=movielens', '1\t1\t5\t32503000000', 'text/plain');
    expect(movieLens.body).toMatchObject({ accepted: 0, rejectedCount: 1, rejected: [{ row: 1, reason: expect.stringMatching(/^timestamp: 2999-/) }] });
    expect(await count()).toBe(before);
    expect((await get('/api/events?userId=time-traveller')).body.total).toBe(0);
  });

  it('serves popularity before any model is trained, saying why each item is there', async () => {
    const { status, body } = await get('/api/users/nobody/recommendations?k=5');
    expect(status).toBe(200);
    expect(body).toMatchObject({ strategy: 'popularity', modelVersion: null });
    const counts = new Map<string, number>();
    for (const r of slice.ratings) counts.set(String(r.itemId), (counts.get(String(r.itemId)) ?? 0) + 1);
    const expected = [...counts]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, 5)
      .map(([id]) => id);
    expect(body.items.map((i: Json) => i.itemId)).toEqual(expected);
    for (const item of body.items) expect(item.reason).toMatch(/^popular (in .+|overall)$/);
    expect((await get('/health/ready')).body.checks.model).toMatchObject({ ok: false, reason: expect.stringMatching(/no trained model yet/) });
  });

  it('cancels a training job', async () => {
    const started = await post('/api/training-jobs', { ranker: 'bpr', bprEpochs: 200, holdout: 0 });
    expect(started.status).toBe(202);
    await waitFor('the job to run', async () => ((await get(`/api/training-jobs/${started.body.id}`)).body.status === 'running' ? true : undefined));
    const cancelled = await post(`/api/training-jobs/${started.body.id}/cancel`);
    expect(cancelled.status).toBe(202);
    const final = await waitFor('the job to stop', async () => {
      const job = (await get(`/api/training-jobs/${started.body.id}`)).body;
      return job.status === 'running' ? undefined : job;
    });
    expect(final).toMatchObject({ status: 'cancelled', error: null });
    expect((await post(`/api/training-jobs/${started.body.id}/cancel`)).status).toBe(409);
  });

  let version: string;
  it('trains through the API with progress, measures a hold-out split, and serves the new version from the gateway', async () => {
    const bad = await post('/api/training-jobs', { holdout: 0.9 });
    expect([bad.status, bad.body.error]).toEqual([422, expect.stringMatching(/holdout may be at most 0.5/)]);
    const started = await post('/api/training-jobs', { holdout: 0.2, mfEpochs: 10 });
    const progress: number[] = [];
    const job = await waitFor(
      'training to finish',
      async () => {
        const current = (await get(`/api/training-jobs/${started.body.id}`)).body;
        progress.push(current.progress);
        return ['succeeded', 'failed'].includes(current.status) ? current : undefined;
      },
      90_000,
    );
    expect(job).toMatchObject({ status: 'succeeded', progress: 1, result: { ranker: 'ease', content: { model: 'use-lite-en', dimensions: 512 } } });
    expect(progress.some((p) => p > 0 && p < 1)).toBe(true);
    expect(job.result.metrics['ndcg@10']).toBeGreaterThan(0);
    expect(job.result.metrics.rmse).toBeGreaterThan(0.5);
    version = job.result.version;
    const models = (await get('/api/models')).body;
    expect(models.items[0]).toMatchObject({ version, ranker: 'ease', active: true, metrics: { 'ndcg@10': job.result.metrics['ndcg@10'] } });
    await waitFor('the ranker to be served', async () => ((await get('/health/ready')).status === 200 ? true : undefined));
    expect((await get('/api/models/active')).body).toMatchObject({ ok: true, served: true, version, ranker: 'ease' });
  }, 120_000);

  it('refuses a version that is not a folder name (".", "..") with 422 before any lookup', async () => {
    // Raw HTTP: fetch would normalise "/models/../activate" away before it reaches the server.
    const rawPost = (path: string) =>
      new Promise<{ status: number; text: string }>((resolve, reject) => {
        const { hostname, port } = new URL(api.url);
        const req = request({ hostname, port, path, method: 'POST', headers: withTestCredentials({ 'content-type': 'application/json' }) }, (res) => {
          let text = '';
          res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        });
        req.on('error', reject).end('{}');
      });
    for (const version of ['..', '.', '.hidden']) {
      const { status, text } = await rawPost(`/api/models/${version}/activate`);
      expect({ version, status }).toEqual({ version, status: 422 });
      expect(text).toContain('starting with a letter, digit or');
    }
  });

  it('recommends top-k for a user through the gateway: the EASE ranking, seen items excluded, a reason for each', async () => {
    const user = '13';
    const { status, body } = await get(`/api/users/${user}/recommendations?k=10`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ userId: user, strategy: 'personalised', modelVersion: version });
    const seen = new Set(slice.ratings.filter((r) => String(r.userId) === user).map((r) => String(r.itemId)));
    const ids: string[] = body.items.map((i: Json) => i.itemId);
    expect(ids).toHaveLength(10);
    expect(ids.some((id) => seen.has(id))).toBe(false);
    // The same ranking computed here from the artifact's weights: the gateway serves exactly the model.
    const artifact = loadArtifact(modelDir, version);
    const bytes = readFileSync(join(modelDir, version, 'ranker', 'weights.bin'));
    const weights = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    const itemIds = artifact.manifest.itemIds;
    const scores = easeScores(
      weights,
      itemIds.length,
      [...seen].map((id) => itemIds.indexOf(id)),
    );
    const local = itemIds
      .map((id, i) => ({ id, s: scores[i] }))
      .filter((x) => !seen.has(x.id))
      .sort((a, b) => b.s - a.s)
      .slice(0, 10)
      .map((x) => x.id);
    expect(ids).toEqual(local);
    const rated = new Map(
      slice.ratings.filter((r) => String(r.userId) === user).map((r) => [String(r.itemId), slice.ml.movies.find((m) => m.id === r.itemId)!.title]),
    );
    for (const item of body.items) {
      expect(item.reason).toMatch(/^(because you rated .+ [1-5]★|popular (in .+|overall))$/);
      if (item.becauseItemId) expect(item.reason).toContain(rated.get(item.becauseItemId));
      expect(item.predictedRating).toBeGreaterThanOrEqual(1);
      expect(item.predictedRating).toBeLessThanOrEqual(5);
    }
    expect(body.items.filter((i: Json) => i.becauseItemId).length).toBeGreaterThan(5);
  });

  it('applies filters: excluded ids and one category', async () => {
    const all = (await get('/api/users/13/recommendations?k=5')).body.items.map((i: Json) => i.itemId);
    const without = (await get(`/api/users/13/recommendations?k=5&exclude=${all[0]},${all[1]}`)).body.items.map((i: Json) => i.itemId);
    expect(without).not.toContain(all[0]);
    expect(without).not.toContain(all[1]);
    expect(without.slice(0, 3)).toEqual(all.slice(2, 5));
    const comedies = (await get('/api/users/13/recommendations?k=5&category=Comedy')).body;
    expect(comedies.items).toHaveLength(5);
    for (const item of comedies.items) expect(item.categories).toContain('Comedy');
    const bad = await get('/api/users/13/recommendations?k=0');
    expect([bad.status, bad.body.error]).toEqual([422, expect.stringMatching(/k must be at least 1/)]);
  });

  it('finds similar items by item-item kNN, and for a brand-new item by its text embedding', async () => {
    const starWars = (await get('/api/items/50/similar?k=5')).body;
    expect(starWars).toMatchObject({ itemId: '50', strategy: 'item-knn' });
    expect(starWars.items).toHaveLength(5);
    expect(starWars.items[0].reason).toMatch(/^people who liked Star Wars \(1977\) also liked this \(similarity 0\.\d\d\)$/);
    const scores = starWars.items.map((i: Json) => i.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    await post('/api/items', {
      id: 'new-space-film',
      title: 'Return to the Galaxy (2026)',
      description: 'A space opera with rebels, an evil empire and starfighters.',
      categories: ['Sci-Fi', 'Action'],
    });
    const fresh = (await get('/api/items/new-space-film/similar?k=5')).body;
    expect(fresh.strategy).toBe('content');
    expect(fresh.items[0].reason).toMatch(/^similar description to /);
    expect((await get('/api/items/nope/similar')).status).toBe(404);
  });

  it('gives a new user whose only items are newer than the model content-based picks', async () => {
    await post('/api/events', { userId: 'space-fan', itemId: 'new-space-film', type: 'purchase' });
    const { body } = await get('/api/users/space-fan/recommendations?k=5');
    expect(body.strategy).toBe('content');
    expect(body.items.map((i: Json) => i.itemId)).not.toContain('new-space-film');
    expect(body.items[0].reason).toBe('similar description to Return to the Galaxy (2026)');
  });
});
