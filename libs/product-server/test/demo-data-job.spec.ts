import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Injectable, Module, OnModuleInit } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTestDatabase, type DbClient, type TestDatabase } from '@matrix/db';
import { GatewayError } from '@matrix/gateway-client';
import {
  ApiError,
  createProductApp,
  DEMO_DATA_KIND,
  demoDataJobId,
  demoDataReadiness,
  InjectDb,
  ProductJobs,
  queueDemoDataJob,
  ReadinessRegistry,
  worthWaitingFor,
  type DemoDataSpec,
} from '../src';

// The first-run pattern every product follows: on an empty database one demo-data job is stored and run by the job
// queue; /health/ready says "not ready" until it has finished; a restart never queues it again.

const runs: string[] = [];
let release: () => void = () => undefined;
let gate = Promise.resolve();

@Injectable()
class DemoData implements OnModuleInit {
  private readonly spec: DemoDataSpec;
  constructor(
    @InjectDb() private readonly db: DbClient,
    private readonly jobs: ProductJobs,
    private readonly readiness: ReadinessRegistry,
  ) {
    this.spec = { product: 'demo', enabled: true, hasData: async () => (await this.db.job.count({ where: { kind: 'note' } })) > 0 };
  }
  async onModuleInit(): Promise<void> {
    this.jobs.define({
      product: 'demo',
      kind: DEMO_DATA_KIND,
      run: async (context) => {
        runs.push(context.job.id);
        await context.progress(1, 2);
        await gate;
        await context.progress(2, 2);
        return { loaded: 1 };
      },
    });
    this.readiness.register('demo-data', demoDataReadiness(this.db, this.spec));
    await queueDemoDataJob(this.db, this.spec);
  }
}

@Module({ providers: [DemoData] })
class DemoModule {}

describe('first-run demo data job', () => {
  let db: TestDatabase;
  let gateway: Server;
  let gatewayUrl: string;
  const start = async (): Promise<{ app: NestFastifyApplication; url: string }> => {
    const app = await createProductApp(DemoModule, {
      name: 'demo-api',
      defaultPort: 0,
      env: { DEMO_DATABASE_URL: db.url, GATEWAY_URL: gatewayUrl, LOG_LEVEL: 'silent' },
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    return { app, url: `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}` };
  };
  const ready = async (url: string) => {
    const response = await fetch(`${url}/health/ready`);
    return { status: response.status, body: (await response.json()) as { checks: Record<string, { ok: boolean; reason?: string }> } };
  };
  const until = async (what: () => Promise<boolean>) => {
    for (let i = 0; i < 400; i++) if (await what()) return;
    throw new Error('timed out');
  };

  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    gateway = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ready":true,"loading":false}'));
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    gatewayUrl = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    gateway?.close();
    await db?.drop();
  });

  it('queues the job once on an empty database, is not ready until it finished, and does not queue it again on restart', async () => {
    gate = new Promise((resolve) => (release = resolve));
    const first = await start();
    try {
      await until(async () => runs.length === 1);
      const during = await ready(first.url);
      expect(during.status).toBe(503);
      expect(during.body.checks['demo-data']).toMatchObject({ ok: false, reason: expect.stringMatching(/^loading the demo data/) });
      release();
      await until(async () => (await db.client.job.findFirstOrThrow({ where: { kind: DEMO_DATA_KIND } })).status === 'succeeded');
      const after = await ready(first.url);
      expect(after.body.checks['demo-data']).toMatchObject({ ok: true });
      expect(after.status).toBe(200);
    } finally {
      await first.app.close();
    }
    const second = await start();
    try {
      expect((await ready(second.url)).body.checks['demo-data']).toMatchObject({ ok: true });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await db.client.job.count({ where: { kind: DEMO_DATA_KIND } })).toBe(1);
      expect(runs).toHaveLength(1);
    } finally {
      await second.app.close();
    }
  });

  it('queues a failed demo job again at the next start while the product is still empty, never a cancelled one', async () => {
    let hasData = false;
    const spec: DemoDataSpec = { product: 'retry-demo', enabled: true, hasData: async () => hasData };
    expect(await queueDemoDataJob(db.client, spec)).toBe('queued');
    const id = demoDataJobId('retry-demo');
    await db.client.job.update({ where: { id }, data: { status: 'failed', error: 'gateway did not answer', progress: 0.3, finishedAt: new Date() } });
    expect(await queueDemoDataJob(db.client, spec)).toBe('requeued');
    expect(await db.client.job.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'queued', error: null, progress: 0 });
    await db.client.job.update({ where: { id }, data: { status: 'failed' } });
    hasData = true;
    expect(await queueDemoDataJob(db.client, spec)).toBe('already-queued');
    hasData = false;
    await db.client.job.update({ where: { id }, data: { status: 'cancelled' } });
    expect(await queueDemoDataJob(db.client, spec)).toBe('already-queued');
    expect(await queueDemoDataJob(db.client, { ...spec, enabled: false })).toBe('disabled');
  });

  it('waits out a gateway that is down, busy or too slow, not a refusal', () => {
    expect(worthWaitingFor(new GatewayError('gateway did not answer POST /v1/classify within 30000 ms', 0, 'timeout'))).toBe(true);
    expect(worthWaitingFor(new GatewayError('connect ECONNREFUSED', 0, 'network'))).toBe(true);
    expect(worthWaitingFor(new GatewayError('loading', 503, 'model_not_ready'))).toBe(true);
    expect(worthWaitingFor(new ApiError(503, 'model_not_served', 'not served yet'))).toBe(true);
    expect(worthWaitingFor(new GatewayError('bad input', 400, 'invalid_input'))).toBe(false);
    expect(worthWaitingFor(new ApiError(422, 'invalid', 'no'))).toBe(false);
  });
});
