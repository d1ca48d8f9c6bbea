import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Injectable, Module, OnModuleInit } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTestDatabase, type Job, type TestDatabase } from '@matrix/db';
import { GatewayClient } from '@matrix/gateway-client';
import { createProductApp, JobCancelled, ProductJobs, toJobView, type JobContext } from '../src';

// The shared /api/jobs routes as every product API gets them from createProductApp: scoped to the kinds the product
// defined on ProductJobs, shown through the kind's own view, cancelled through the job queue, followed as SSE.

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A kind that counts to its total, slowly, until cancelled; its view adds a field of its params. */
@Injectable()
class CountingJobs implements OnModuleInit {
  readonly cancelled: string[] = [];
  constructor(private readonly jobs: ProductJobs) {}

  onModuleInit(): void {
    this.jobs.define({
      product: 'demo',
      kind: 'count',
      run: async (context: JobContext) => {
        const { stepMs } = JSON.parse(context.job.params) as { stepMs: number };
        for (let i = context.job.done; i < (context.job.total ?? 0); i++) {
          if (await context.cancelled()) throw new JobCancelled(context.job.id);
          await sleep(stepMs);
          await context.progress(i + 1);
        }
        return { counted: context.job.total };
      },
      view: (job: Job) => ({ ...toJobView(job), stepMs: (JSON.parse(job.params) as { stepMs: number }).stepMs }),
      onCancel: (jobId) => this.cancelled.push(jobId),
    });
  }
}

@Module({ providers: [CountingJobs] })
class CountingModule {}

@Module({})
class NoJobsModule {}

describe('/api/jobs (ProductJobs + JobsController)', () => {
  let db: TestDatabase;
  let gatewayStub: Server;
  let env: Record<string, string>;
  const apps: NestFastifyApplication[] = [];

  const start = async (module: typeof CountingModule | typeof NoJobsModule): Promise<{ app: NestFastifyApplication; url: string }> => {
    const app = await createProductApp(module, { name: 'demo-api', defaultPort: 0, env });
    apps.push(app);
    await app.listen({ host: '127.0.0.1', port: 0 });
    return { app, url: `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}` };
  };
  // As admin: the bootstrap token the jest setup (tools/jest/identity-env.js) puts in the environment.
  const asAdmin = { authorization: `Bearer ${process.env.MATRIX_ADMIN_TOKEN}` };
  const call = async (method: string, url: string) => {
    const response = await fetch(url, { method, headers: asAdmin });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> & { items?: Array<Record<string, unknown>> } };
  };
  const createJob = (data: { total: number; stepMs?: number; product?: string; kind?: string }) =>
    db.client.job.create({
      data: { product: data.product ?? 'demo', kind: data.kind ?? 'count', total: data.total, params: JSON.stringify({ stepMs: data.stepMs ?? 5 }) },
    });

  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    gatewayStub = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ready":true,"loading":false}'));
    await new Promise<void>((resolve) => gatewayStub.listen(0, '127.0.0.1', resolve));
    env = { DEMO_DATABASE_URL: db.url, GATEWAY_URL: `http://127.0.0.1:${(gatewayStub.address() as AddressInfo).port}`, LOG_LEVEL: 'silent' };
  });

  afterAll(async () => {
    for (const app of apps) await app.close();
    gatewayStub?.close();
    await db?.drop();
  });

  it('lists, gets and follows the product’s jobs through its kind’s view; other products’ jobs do not exist here', async () => {
    const { app, url } = await start(CountingModule);
    const jobs = app.get(ProductJobs);
    const foreign = await createJob({ total: 1, product: 'other' });
    const job = await createJob({ total: 3, stepMs: 30 });
    await jobs.enqueue(job.id);

    const events = await (await fetch(`${url}/api/jobs/${job.id}/events`, { headers: asAdmin })).text();
    expect(events).toMatch(/^event: progress\ndata: \{.*"kind":"count"/);
    expect(events).toMatch(/event: done\ndata: \{.*"status":"succeeded".*"stepMs":30/);

    expect((await call('GET', `${url}/api/jobs/${job.id}`)).body).toMatchObject({
      id: job.id,
      kind: 'count',
      status: 'succeeded',
      progress: 1,
      done: 3,
      total: 3,
      result: { counted: 3 },
      stepMs: 30,
    });
    const page = (await call('GET', `${url}/api/jobs?pageSize=1`)).body;
    expect(page).toMatchObject({ page: 1, pageSize: 1, total: 1, totalPages: 1, items: [{ id: job.id }] });
    expect((await call('GET', `${url}/api/jobs?status=queued`)).body).toMatchObject({ total: 0, items: [] });
    expect((await call('GET', `${url}/api/jobs?kind=other`)).body).toMatchObject({ total: 0 });
    expect((await call('GET', `${url}/api/jobs?status=done`)).status).toBe(422);
    const missing = await call('GET', `${url}/api/jobs/${foreign.id}`);
    expect([missing.status, missing.body.code, missing.body.error]).toEqual([404, 'not_found', `job '${foreign.id}' does not exist`]);
    expect((await fetch(`${url}/api/jobs/${foreign.id}/events`, { headers: asAdmin })).status).toBe(404);
  });

  it('cancels a running job (200, then 409 once finished) and tells the kind', async () => {
    const { app, url } = await start(CountingModule);
    const job = await createJob({ total: 500, stepMs: 20 });
    await app.get(ProductJobs).enqueue(job.id);
    for (let i = 0; i < 200 && (await db.client.job.findUniqueOrThrow({ where: { id: job.id } })).done < 1; i++) await sleep(20);
    const cancelled = await call('POST', `${url}/api/jobs/${job.id}/cancel`);
    expect([cancelled.status, cancelled.body.status, cancelled.body.stepMs]).toEqual([200, 'cancelled', 20]);
    expect(app.get(CountingJobs).cancelled).toEqual([job.id]);
    await app.get(ProductJobs).idle();
    const again = await call('POST', `${url}/api/jobs/${job.id}/cancel`);
    expect([again.status, again.body.code]).toEqual([409, 'job_finished']);
    const row = await db.client.job.findUniqueOrThrow({ where: { id: job.id } });
    expect(row.status).toBe('cancelled');
    expect(row.done).toBeLessThan(500);
  });

  it('retries a failed job for the work not done (POST /api/jobs/:id/retry), and only a failed or cancelled one', async () => {
    const { app, url } = await start(CountingModule);
    const failed = await db.client.job.create({
      data: { product: 'demo', kind: 'count', status: 'failed', total: 6, done: 4, error: 'gave up', finishedAt: new Date(), params: '{"stepMs":1}' },
    });
    expect((await call('GET', `${url}/api/jobs/${failed.id}`)).body).toMatchObject({ status: 'failed', retryable: true, waiting: null });
    const retried = await call('POST', `${url}/api/jobs/${failed.id}/retry`);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ id: failed.id, error: null, stepMs: 1 });
    await app.get(ProductJobs).idle();
    const done = await call('GET', `${url}/api/jobs/${failed.id}`);
    expect(done.body).toMatchObject({ status: 'succeeded', done: 6, retryable: false, error: null });
    const again = await call('POST', `${url}/api/jobs/${failed.id}/retry`);
    expect([again.status, again.body.code]).toEqual([409, 'job_not_failed']);
    const foreign = await createJob({ total: 1, product: 'other' });
    expect((await call('POST', `${url}/api/jobs/${foreign.id}/retry`)).status).toBe(404);
  });

  it('a job that cannot reach the inference gateway shows "waiting for the inference gateway", then fails after JOB_DEPENDENCY_WAIT_MINUTES', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((resolve) => closed.close(resolve));

    @Injectable()
    class GatewayJobs implements OnModuleInit {
      constructor(private readonly jobs: ProductJobs) {}
      onModuleInit(): void {
        this.jobs.define({
          product: 'demo',
          kind: 'embed',
          run: async (context) => {
            const gateway = new GatewayClient({ baseUrl: deadUrl, timeoutMs: 2000 });
            await context.waitOut(() => gateway.embed(['hello'], { model: 'use-lite-en' }));
            return {};
          },
        });
      }
    }
    @Module({ providers: [GatewayJobs] })
    class GatewayJobsModule {}

    const previous = env;
    env = { ...env, JOB_DEPENDENCY_WAIT_MINUTES: '0.05' };
    try {
      const { url } = await start(GatewayJobsModule as typeof CountingModule);
      const job = await createJob({ total: 1, kind: 'embed' });
      await apps.at(-1)?.get(ProductJobs).enqueue(job.id);
      let seen: Record<string, unknown> | undefined;
      for (let i = 0; i < 200 && !seen; i++) {
        const view = (await call('GET', `${url}/api/jobs/${job.id}`)).body;
        if (view.waiting) seen = view;
        else await sleep(20);
      }
      expect(seen).toMatchObject({
        status: 'running',
        waiting: { reason: 'waiting for the inference gateway', lastError: expect.stringContaining('unreachable') },
      });
      await apps.at(-1)?.get(ProductJobs).idle();
      const failed = (await call('GET', `${url}/api/jobs/${job.id}`)).body;
      expect(failed).toMatchObject({ status: 'failed', waiting: null, retryable: true });
      expect(failed.error).toMatch(/^gave up after 3 s waiting for the inference gateway: gateway unreachable/);
    } finally {
      env = previous;
    }
  });

  it('is mounted in a product without jobs too: an empty list', async () => {
    const { url } = await start(NoJobsModule);
    expect((await call('GET', `${url}/api/jobs`)).body).toEqual({ items: [], page: 1, pageSize: 20, total: 0, totalPages: 0 });
  });
});
