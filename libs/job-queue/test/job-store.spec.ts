import { createTestDatabase, type TestDatabase } from '@matrix/db';
import { DbJobQueue, InProcessDriver, JobStore, toJobView, type JobScope } from '../src';

// The store behind every product's /api/jobs, on a fresh SQLite Job table (the queue is never started: only its
// cancel is used, which writes the row).

describe('JobStore', () => {
  let db: TestDatabase;
  let store: JobStore;
  const scope: JobScope = { product: 'demo', kinds: ['count', 'square'] };
  const create = (data: { product?: string; kind?: string; status?: string; total?: number }) =>
    db.client.job.create({
      data: { product: data.product ?? 'demo', kind: data.kind ?? 'count', status: data.status ?? 'queued', total: data.total, params: '{}' },
    });

  beforeEach(async () => {
    db = await createTestDatabase('sqlite');
    store = new JobStore(db.client, new DbJobQueue(db.client, new InProcessDriver()));
  });

  afterEach(() => db.drop());

  it('finds the product’s jobs of its kinds only', async () => {
    const mine = await create({});
    const otherProduct = await create({ product: 'other' });
    const otherKind = await create({ kind: 'secret' });
    expect((await store.find(scope, mine.id))?.id).toBe(mine.id);
    expect(await store.find(scope, otherProduct.id)).toBeNull();
    expect(await store.find(scope, otherKind.id)).toBeNull();
    expect(await store.find(scope, mine.id, 'square')).toBeNull();
    expect(await store.find(scope, mine.id, 'secret')).toBeNull();
  });

  it('lists newest first, paginated, filtered by kind and status', async () => {
    const first = await create({ kind: 'count', status: 'succeeded' });
    const second = await create({ kind: 'square' });
    const third = await create({ kind: 'count' });
    await create({ product: 'other' });
    await db.client.job.update({ where: { id: first.id }, data: { createdAt: new Date(Date.now() - 3000) } });
    await db.client.job.update({ where: { id: second.id }, data: { createdAt: new Date(Date.now() - 2000) } });
    const all = await store.list(scope, { skip: 0, take: 2 });
    expect([all.total, all.rows.map((r) => r.id)]).toEqual([3, [third.id, second.id]]);
    expect((await store.list(scope, { skip: 2, take: 2 })).rows.map((r) => r.id)).toEqual([first.id]);
    expect((await store.list(scope, { kind: 'count', skip: 0, take: 10 })).rows.map((r) => r.id)).toEqual([third.id, first.id]);
    expect((await store.list(scope, { kind: 'count', status: 'succeeded', skip: 0, take: 10 })).rows.map((r) => r.id)).toEqual([first.id]);
    expect(await store.list(scope, { kind: 'secret', skip: 0, take: 10 })).toEqual({ rows: [], total: 0 });
  });

  it('cancels a queued job once, says when it had finished, and never touches another product’s', async () => {
    const job = await create({});
    const cancelled = await store.cancel(scope, job.id);
    expect(cancelled.outcome).toBe('cancelled');
    expect(cancelled.outcome !== 'missing' && cancelled.job.status).toBe('cancelled');
    expect((await store.cancel(scope, job.id)).outcome).toBe('finished');
    const foreign = await create({ product: 'other' });
    expect(await store.cancel(scope, foreign.id)).toEqual({ outcome: 'missing' });
    expect((await db.client.job.findUniqueOrThrow({ where: { id: foreign.id } })).status).toBe('queued');
  });

  it('watches a job: each change once, then stops when it has finished', async () => {
    const job = await create({ total: 2 });
    const seen: string[] = [];
    const watching = (async () => {
      for await (const row of store.watch(scope, job.id, { intervalMs: 10 })) seen.push(`${row.status}:${row.done}`);
    })();
    await new Promise((resolve) => setTimeout(resolve, 40));
    await db.client.job.update({ where: { id: job.id }, data: { status: 'running', done: 1 } });
    await new Promise((resolve) => setTimeout(resolve, 40));
    await db.client.job.update({ where: { id: job.id }, data: { status: 'succeeded', done: 2, finishedAt: new Date() } });
    await watching;
    expect(seen).toEqual(['queued:0', 'running:1', 'succeeded:2']);
  });

  it('stops watching when the signal aborts or the job is not the product’s', async () => {
    const job = await create({});
    const controller = new AbortController();
    const seen: string[] = [];
    const watching = (async () => {
      for await (const row of store.watch(scope, job.id, { intervalMs: 10, signal: controller.signal })) seen.push(row.status);
    })();
    await new Promise((resolve) => setTimeout(resolve, 30));
    controller.abort();
    await watching;
    expect(seen).toEqual(['queued']);
    const foreign = await create({ product: 'other' });
    const none: unknown[] = [];
    for await (const row of store.watch(scope, foreign.id, { intervalMs: 10 })) none.push(row);
    expect(none).toEqual([]);
  });

  it('shows a row as the base JobView', async () => {
    const job = await db.client.job.create({
      data: { product: 'demo', kind: 'count', status: 'succeeded', total: 4, done: 4, progress: 1, result: '{"counted":4}', params: '{}' },
    });
    expect(toJobView(job)).toEqual({
      id: job.id,
      kind: 'count',
      status: 'succeeded',
      progress: 1,
      total: 4,
      done: 4,
      error: null,
      waiting: null,
      retryable: false,
      result: { counted: 4 },
      createdAt: job.createdAt.toISOString(),
      startedAt: null,
      finishedAt: null,
    });
  });
});
