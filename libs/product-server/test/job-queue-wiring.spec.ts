import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Controller, Injectable, Module, OnModuleInit, Param, Post } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTestDatabase, type DbClient, type TestDatabase } from '@matrix/db';
import IORedis from 'ioredis';
import { createProductApp, InjectDb, InjectJobQueue, Public, type JobContext, type JobQueue } from '../src';

// The job queue as every product gets it from createProductApp: configured by env only (in-process by default,
// BullMQ on the local Redis with REDIS_URL), started after the modules registered their handlers (so unfinished
// jobs resume at boot), stopped before the database disconnects, and reported by /health/ready.

const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

@Injectable()
class SquareJobs implements OnModuleInit {
  constructor(@InjectJobQueue() private readonly jobs: JobQueue) {}
  onModuleInit(): void {
    this.jobs.register('demo', 'square', async (context: JobContext) => {
      const { n } = JSON.parse(context.job.params) as { n: number };
      for (let i = context.job.done; i < 3; i++) {
        context.throwIfStopping();
        await sleep(20);
        await context.progress(i + 1, 3);
      }
      return { square: n * n };
    });
  }
}

// Public: this spec is about the job queue wiring, not access.
@Public()
@Controller('api/squares')
class SquareController {
  constructor(
    @InjectDb() private readonly db: DbClient,
    @InjectJobQueue() private readonly jobs: JobQueue,
  ) {}

  @Post(':n')
  async create(@Param('n') n: string) {
    const job = await this.db.job.create({ data: { product: 'demo', kind: 'square', params: JSON.stringify({ n: Number(n) }) } });
    await this.jobs.enqueue(job.id);
    return { id: job.id, driver: this.jobs.driver };
  }
}

@Module({ controllers: [SquareController], providers: [SquareJobs] })
class SquareModule {}

describe.each([
  { driver: 'in-process', env: {} as Record<string, string> },
  { driver: 'bullmq', env: { REDIS_URL, JOB_QUEUE_PREFIX: `ps-test-${randomUUID().slice(0, 8)}` } },
])('product job queue, $driver', ({ driver, env }) => {
  let db: TestDatabase;
  let gatewayStub: Server;
  let gatewayUrl: string;

  const start = async (): Promise<{ app: NestFastifyApplication; url: string }> => {
    const app = await createProductApp(SquareModule, {
      name: 'demo-api',
      defaultPort: 0,
      env: { DEMO_DATABASE_URL: db.url, GATEWAY_URL: gatewayUrl, LOG_LEVEL: 'silent', ...env },
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    return { app, url: `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}` };
  };
  const finished = async (id: string) => {
    for (let i = 0; i < 300; i++) {
      const job = await db.client.job.findUniqueOrThrow({ where: { id } });
      if (job.status === 'succeeded' || job.status === 'failed') return job;
      await sleep(25);
    }
    throw new Error(`job ${id} did not finish`);
  };

  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    gatewayStub = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ready":true,"loading":false}'));
    await new Promise<void>((resolve) => gatewayStub.listen(0, '127.0.0.1', resolve));
    gatewayUrl = `http://127.0.0.1:${(gatewayStub.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    gatewayStub?.close();
    await db?.drop();
    if (env.JOB_QUEUE_PREFIX) {
      const redis = new IORedis(REDIS_URL);
      const keys = await redis.keys(`${env.JOB_QUEUE_PREFIX}:*`);
      if (keys.length) await redis.del(...keys);
      await redis.quit();
    }
  });

  it('runs a job posted to the API on the configured driver, and readiness reports the queue', async () => {
    const { app, url } = await start();
    try {
      const posted = (await (await fetch(`${url}/api/squares/7`, { method: 'POST' })).json()) as { id: string; driver: string };
      expect(posted.driver).toBe(driver);
      expect(await finished(posted.id)).toMatchObject({ status: 'succeeded', done: 3, total: 3, progress: 1, result: '{"square":49}' });
      const ready = (await (await fetch(`${url}/health/ready`)).json()) as { checks: Record<string, unknown> };
      if (driver === 'bullmq') expect(ready.checks.jobQueue).toMatchObject({ ok: true, driver: 'bullmq' });
      else expect(ready.checks.jobQueue).toBeUndefined();
    } finally {
      await app.close();
    }
  });

  it('resumes at boot a job a previous process left running, from where it stopped', async () => {
    const left = await db.client.job.create({
      data: { product: 'demo', kind: 'square', status: 'running', total: 3, done: 2, startedAt: new Date(), params: '{"n":5}' },
    });
    const { app } = await start();
    try {
      expect(await finished(left.id)).toMatchObject({ status: 'succeeded', done: 3, result: '{"square":25}' });
    } finally {
      await app.close();
    }
  });
});
