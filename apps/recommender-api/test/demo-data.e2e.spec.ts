import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { movieLens100kDir } from '@matrix/datasets';
import { createTestDatabase, type TestDatabase } from '@matrix/db';
import { manifestWithModels, startGatewayProcess, type GatewayProcess } from '@matrix/dev-harness';
import { call, startApi, waitFor, type RunningApi } from './support/harness';

// First start of the embedded default: on an empty database the API queues the MovieLens demo job by itself,
// imports and trains it with a bar that only moves forward, is not ready until it has finished, and a restart
// does not queue it again. The REAL gateway (the ranker registers there) and a slice of the real MovieLens 100K
// in its own layout (RECOMMENDER_DEMO_DIR), so the test trains in seconds.

const MAX_USER = 60;
const MAX_ITEM = 200;

/** u.data / u.item (Latin-1, as shipped) / u.genre / u.user of users ≤ MAX_USER and movies ≤ MAX_ITEM. */
function sliceFolder(): { dir: string; ratings: number } {
  const source = movieLens100kDir();
  const dir = mkdtempSync(join(tmpdir(), 'ml-demo-'));
  const ratings = readFileSync(join(source, 'u.data'), 'utf8')
    .split('\n')
    .filter((line) => line && Number(line.split('\t')[0]) <= MAX_USER && Number(line.split('\t')[1]) <= MAX_ITEM);
  writeFileSync(join(dir, 'u.data'), ratings.join('\n') + '\n');
  const items = readFileSync(join(source, 'u.item'), 'latin1')
    .split('\n')
    .filter((line) => line && Number(line.split('|')[0]) <= MAX_ITEM);
  writeFileSync(join(dir, 'u.item'), items.join('\n') + '\n', 'latin1');
  for (const file of ['u.genre', 'u.user']) copyFileSync(join(source, file), join(dir, file));
  return { dir, ratings: ratings.length };
}

describe('recommender first run: the MovieLens demo job', () => {
  let gateway: GatewayProcess;
  let db: TestDatabase;
  const slice = sliceFolder();
  const modelDir = mkdtempSync(join(tmpdir(), 'recommender-models-'));
  const env = () => ({
    RECOMMENDER_DATABASE_URL: db.url,
    GATEWAY_URL: gateway.url,
    RECOMMENDER_MODEL_DIR: modelDir,
    RECOMMENDER_DEMO_DATA: '1',
    RECOMMENDER_DEMO_DIR: slice.dir,
    RECOMMENDER_EMBEDDING_MODEL: 'off',
  });

  beforeAll(async () => {
    [gateway, db] = await Promise.all([
      startGatewayProcess({ MODEL_MANIFEST: manifestWithModels(['use-lite-en']), GATEWAY_MODEL_STORE: mkdtempSync(join(tmpdir(), 'recommender-store-')) }),
      createTestDatabase('sqlite'),
    ]);
  }, 90_000);

  afterAll(async () => {
    await gateway?.stop();
    await db?.drop();
  });

  it('imports and trains the demo once, with monotone progress; ready only once it is done; not queued again on restart', async () => {
    let api: RunningApi = await startApi(env());
    try {
      const listed = await call('GET', `${api.url}/api/jobs?kind=demo-data`);
      expect(listed.body).toMatchObject({ total: 1, items: [{ kind: 'demo-data', params: { demo: true } }] });
      const jobId = (listed.body.items as Array<{ id: string }>)[0].id;
      const progress: number[] = [];
      const stages = new Set<string>();
      let readyWhileRunning: number | undefined;
      const job = await waitFor(
        'the demo job to finish',
        async () => {
          const { body } = await call('GET', `${api.url}/api/jobs/${jobId}`);
          progress.push(body.progress as number);
          if (body.stage) stages.add(body.stage as string);
          if (body.status === 'running' && readyWhileRunning === undefined) readyWhileRunning = (await call('GET', `${api.url}/health/ready`)).status;
          return ['succeeded', 'failed'].includes(body.status as string) ? body : undefined;
        },
        120_000,
        50,
      );
      expect(job).toMatchObject({ status: 'succeeded', progress: 1, result: { demo: true, movies: MAX_ITEM, ratings: slice.ratings } });
      for (let i = 1; i < progress.length; i++) expect(progress[i]).toBeGreaterThanOrEqual(progress[i - 1]);
      expect(stages.size).toBeGreaterThan(0); // the web shows what it is doing, not only a number
      expect(readyWhileRunning).toBe(503);
      expect(await db.client.recommenderInteraction.count()).toBe(slice.ratings);
      const ready = await waitFor('readiness', async () => {
        const r = await call('GET', `${api.url}/health/ready`);
        return r.status === 200 ? r.body : undefined;
      });
      expect(ready).toMatchObject({ ready: true, checks: { 'demo-data': { ok: true } } });
      const recs = await call('GET', `${api.url}/api/users/2/recommendations?k=5`);
      expect(recs.status).toBe(200);
      expect(recs.body).toMatchObject({ strategy: 'personalised' });
      expect((recs.body.items as unknown[]).length).toBe(5);
    } finally {
      await api.close();
    }
    api = await startApi(env());
    try {
      expect((await call('GET', `${api.url}/api/jobs?kind=demo-data`)).body).toMatchObject({ total: 1 });
      expect(await db.client.job.count({ where: { kind: 'demo-data' } })).toBe(1);
      expect(await db.client.recommenderInteraction.count()).toBe(slice.ratings);
    } finally {
      await api.close();
    }
  }, 180_000);
});
