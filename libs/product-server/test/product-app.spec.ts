import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Body, Controller, Get, Injectable, Module, OnModuleInit, Post, Query } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTestDatabase, type DbClient, type TestDatabase } from '@matrix/db';
import { GatewayClient, GatewayError } from '@matrix/gateway-client';
import { z } from 'zod';
import { ApiZodBody, ConfigError, createProductApp, InjectDb, paginationShape, Public, ReadinessRegistry, toPage, ZodValidationPipe } from '../src';

// A minimal product built on the shared pieces, served for real on 127.0.0.1 with a temp SQLite
// database and a scripted stand-in for the gateway's readiness route.

interface OpenApiDoc {
  info: { title: string };
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: unknown }> } }>>;
}

const echoSchema = z.object({ text: z.string().trim().min(1, 'text must not be empty') });
const listSchema = z.object(paginationShape());
let productReady = { ok: true, reason: undefined as string | undefined };

@Injectable()
class DemoChecks implements OnModuleInit {
  constructor(private readonly registry: ReadinessRegistry) {}
  onModuleInit(): void {
    this.registry.register('model', () => productReady);
  }
}

// Public: this spec tests the HTTP plumbing (bodies, errors, CORS, shutdown), not access (auth.e2e.spec.ts does).
@Public()
@Controller('api')
class DemoController {
  constructor(
    @InjectDb() private readonly db: DbClient,
    private readonly gateway: GatewayClient,
  ) {}

  @Post('echo')
  @ApiZodBody(echoSchema)
  echo(@Body(new ZodValidationPipe(echoSchema)) body: z.infer<typeof echoSchema>) {
    return { text: body.text };
  }

  @Post('csv')
  csv(@Body() body: unknown) {
    return { type: typeof body, lines: String(body).split('\n').length, text: String(body).slice(0, 40) };
  }

  // Any table paginates the same way (not /api/jobs: every product API has that one from JobQueueModule).
  @Get('job-rows')
  async jobRows(@Query(new ZodValidationPipe(listSchema)) page: z.infer<typeof listSchema>) {
    return toPage(await this.db.job.findMany({ take: page.pageSize }), await this.db.job.count(), page);
  }

  @Get('fail')
  fail() {
    throw new GatewayError('gateway unreachable at http://x: ECONNREFUSED', 0, 'network');
  }

  @Get('slow')
  async slow() {
    await new Promise((resolve) => setTimeout(resolve, 300));
    return { done: true };
  }

  @Get('crash')
  crash() {
    throw new Error('secret internals');
  }
}

@Module({ controllers: [DemoController], providers: [DemoChecks] })
class DemoModule {}

/** A request body of `chunks` × 256 KiB that stalls the client's event loop after the third chunk (a busy client). */
function pausingStream(chunks: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (sent++ >= chunks) return controller.close();
      if (sent === 3) {
        await new Promise((resolve) => setTimeout(resolve, 30));
        const until = Date.now() + 100;
        while (Date.now() < until);
      }
      controller.enqueue(new Uint8Array(256 * 1024).fill(0x61));
    },
  });
}

describe('createProductApp', () => {
  let db: TestDatabase;
  let app: NestFastifyApplication;
  let url: string;
  let gatewayStub: Server;
  let gatewayReady = true;

  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    gatewayStub = createServer((req, res) => {
      res.writeHead(gatewayReady ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ready: gatewayReady, loading: false, models_ready: [], models_failed: [] }));
    });
    await new Promise<void>((resolve) => gatewayStub.listen(0, '127.0.0.1', resolve));
    app = await createProductApp(DemoModule, {
      name: 'demo-api',
      defaultPort: 0,
      jsonBodyLimitBytes: 1024,
      rawBodyTypes: [{ contentType: 'text/csv', limitBytes: 2048 }],
      env: { DEMO_DATABASE_URL: db.url, GATEWAY_URL: `http://127.0.0.1:${(gatewayStub.address() as AddressInfo).port}`, LOG_LEVEL: 'silent' },
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await app?.close();
    gatewayStub?.close();
    await db?.drop();
  });

  const post = (path: string, body: string, contentType = 'application/json') =>
    fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': contentType }, body });

  it('answers liveness, and readiness from database + gateway + the product check', async () => {
    expect(await (await fetch(`${url}/health/live`)).json()).toEqual({ live: true });
    const ready = await fetch(`${url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      ready: true,
      checks: { database: { ok: true, provider: 'sqlite' }, gateway: { ok: true }, model: { ok: true } },
    });

    productReady = { ok: false, reason: 'no trained model' };
    gatewayReady = false;
    const notReady = await fetch(`${url}/health/ready`);
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toMatchObject({
      ready: false,
      checks: { gateway: { ok: false, reason: 'the gateway serves no model' }, model: { ok: false, reason: 'no trained model' } },
    });
    productReady = { ok: true, reason: undefined };
    gatewayReady = true;
  });

  it('validates bodies: 422 naming the field, with a request id (echoed when the caller sent one)', async () => {
    const response = await fetch(`${url}/api/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'req-42' },
      body: '{"text":"  "}',
    });
    expect(response.status).toBe(422);
    expect(response.headers.get('x-request-id')).toBe('req-42');
    expect(await response.json()).toEqual({
      error: 'invalid body: text: text must not be empty',
      code: 'validation_failed',
      details: [{ path: 'text', message: 'text must not be empty' }],
      requestId: 'req-42',
    });
    const ok = await post('/api/echo', '{"text":" hi "}');
    expect([ok.status, await ok.json()]).toEqual([201, { text: 'hi' }]);
    expect(ok.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers 400 for broken JSON, 415 for an unknown content type, 404 for an unknown route, all in the same shape', async () => {
    const broken = await post('/api/echo', '{"text":');
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ code: 'invalid_json', error: expect.stringMatching(/^the body is not valid JSON/) });
    const xml = await post('/api/echo', '<text/>', 'application/xml');
    expect(xml.status).toBe(415);
    expect(await xml.json()).toMatchObject({
      code: 'unsupported_media_type',
      error: "unsupported Content-Type 'application/xml'; this API accepts application/json, text/csv",
    });
    const missing = await fetch(`${url}/api/nope`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: 'not_found', requestId: expect.any(String) });
  });

  it('refuses bodies over the limit of their content type with 413 saying the limit', async () => {
    const big = await post('/api/echo', JSON.stringify({ text: 'x'.repeat(2000) }));
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ code: 'payload_too_large', error: 'request body is larger than the 1 KiB limit for application/json' });
    // text/csv has its own, larger limit: 1.5 KiB passes as a raw string, 3 KiB does not.
    const csv = await post('/api/csv', 'a\n'.repeat(750), 'text/csv; charset=utf-8');
    expect([csv.status, await csv.json()]).toMatchObject([201, { type: 'string', lines: 751 }]);
    const bigCsv = await post('/api/csv', 'a\n'.repeat(1500), 'text/csv');
    expect(bigCsv.status).toBe(413);
    expect(await bigCsv.json()).toMatchObject({ error: 'request body is larger than the 2 KiB limit for text/csv' });
  });

  it('answers 413 to fetch clients that send far more than the limit: the body is read first, so they see the JSON, not EPIPE', async () => {
    // 8 MiB is far beyond the socket buffers: answering before reading used to close the socket under the writing client.
    const huge = await post('/api/echo', JSON.stringify({ text: 'x'.repeat(8 * 1024 * 1024) }));
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ code: 'payload_too_large', error: 'request body is larger than the 1 KiB limit for application/json' });
    // Streamed (no Content-Length), with a pause mid-way as a busy client makes: answering and closing before the
    // rest arrived made some of these fail with EPIPE; each is a 413 now, answered once the stream ends.
    for (let attempt = 0; attempt < 20; attempt++) {
      const streamed = await fetch(`${url}/api/csv`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv' },
        body: pausingStream(24),
        duplex: 'half',
      } as RequestInit);
      expect(streamed.status).toBe(413);
      expect(await streamed.json()).toMatchObject({ code: 'payload_too_large', error: 'request body is larger than the 2 KiB limit for text/csv' });
    }
    // The server is fine afterwards.
    expect((await post('/api/echo', '{"text":"after"}')).status).toBe(201);
  });

  it('refuses a text upload that is not UTF-8 with 415 saying to re-save it, and decodes a declared charset', async () => {
    const latin1 = Buffer.from('name,comment\nRené,très bien\n', 'latin1');
    const send = (contentType: string) => fetch(`${url}/api/csv`, { method: 'POST', headers: { 'content-type': contentType }, body: latin1 });
    const refused = await send('text/csv');
    expect(refused.status).toBe(415);
    expect(await refused.json()).toMatchObject({
      code: 'not_utf8',
      error:
        'the file is not valid UTF-8 (first invalid byte at line 2, byte offset 16): re-save it as UTF-8, or declare its encoding (e.g. Content-Type: text/csv; charset=iso-8859-1)',
      details: { line: 2, byte: 16 },
    });
    const declared = await send('text/csv; charset=iso-8859-1');
    expect([declared.status, await declared.json()]).toEqual([201, { type: 'string', lines: 3, text: 'name,comment\nRené,très bien\n' }]);
    const unknown = await send('text/csv; charset=klingon');
    expect([unknown.status, await unknown.json()]).toMatchObject([415, { code: 'unsupported_charset' }]);
  });

  it('refuses JSON whose strings are not valid UTF-8 with 400 saying where, instead of storing U+FFFD', async () => {
    const body = Buffer.concat([Buffer.from('{"text":"caf'), Buffer.from([0xe9]), Buffer.from('"}')]);
    const response = await fetch(`${url}/api/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      code: 'invalid_utf8',
      error: 'the JSON body is not valid UTF-8 (first invalid byte at line 1, byte offset 12): send JSON encoded as UTF-8',
    });
    const fine = await post('/api/echo', '{"text":"café"}');
    expect([fine.status, await fine.json()]).toEqual([201, { text: 'café' }]);
  });

  it('paginates with validated query numbers', async () => {
    await db.client.job.createMany({ data: [1, 2, 3].map((i) => ({ product: 'demo', kind: `k${i}` })) });
    const page = (await (await fetch(`${url}/api/job-rows?page=1&pageSize=2`)).json()) as { items: unknown[] };
    expect(page).toMatchObject({ page: 1, pageSize: 2, total: 3, totalPages: 2 });
    expect(page.items).toHaveLength(2);
    const bad = await fetch(`${url}/api/job-rows?pageSize=0`);
    expect([bad.status, ((await bad.json()) as { error: string }).error]).toEqual([422, 'invalid query: pageSize: pageSize must be at least 1']);
  });

  it('maps an unreachable gateway to 503 and hides internal errors behind 500', async () => {
    const down = await fetch(`${url}/api/fail`);
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({
      code: 'gateway_unavailable',
      error: 'the inference gateway is unavailable: gateway unreachable at http://x: ECONNREFUSED',
    });
    const crash = await fetch(`${url}/api/crash`);
    expect(crash.status).toBe(500);
    expect(JSON.stringify(await crash.json())).not.toContain('secret');
  });

  it('exports Prometheus request metrics by route pattern', async () => {
    const text = await (await fetch(`${url}/metrics`)).text();
    expect(text).toMatch(/http_requests_total\{method="POST",route="\/api\/echo",status="422",service="demo-api"\} 1/);
    expect(text).toContain('http_request_duration_seconds_bucket');
  });

  it('serves the OpenAPI document with the zod body schema', async () => {
    const doc = (await (await fetch(`${url}/docs/openapi.json`)).json()) as OpenApiDoc;
    expect(doc.info.title).toBe('demo-api');
    expect(doc.paths['/api/echo'].post.requestBody?.content['application/json'].schema).toMatchObject({ type: 'object', required: ['text'] });
    expect(doc.paths['/health/ready']).toBeDefined();
  });

  it('allows the CORS_ORIGINS origins (and only those) when set', async () => {
    const cors = await createProductApp(DemoModule, {
      name: 'demo-api',
      defaultPort: 0,
      env: { DEMO_DATABASE_URL: db.url, CORS_ORIGINS: 'http://web.test', LOG_LEVEL: 'silent' },
    });
    await cors.listen({ host: '127.0.0.1', port: 0 });
    try {
      const base = `http://127.0.0.1:${(cors.getHttpServer().address() as AddressInfo).port}`;
      const preflight = (origin: string) => fetch(`${base}/api/echo`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
      expect((await preflight('http://web.test')).headers.get('access-control-allow-origin')).toBe('http://web.test');
      expect((await preflight('http://evil.test')).headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await cors.close();
    }
    // Unset, CORS is off: the webs reach their API through a same-origin proxy.
    expect((await fetch(`${url}/health/live`, { headers: { origin: 'http://web.test' } })).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('shuts down gracefully: a request in flight still gets its answer', async () => {
    const other = await createProductApp(DemoModule, { name: 'demo-api', defaultPort: 0, env: { DEMO_DATABASE_URL: db.url, LOG_LEVEL: 'silent' } });
    await other.listen({ host: '127.0.0.1', port: 0 });
    const base = `http://127.0.0.1:${(other.getHttpServer().address() as AddressInfo).port}`;
    const inFlight = fetch(`${base}/api/slow`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await other.close();
    const response = await inFlight;
    expect([response.status, await response.json()]).toEqual([200, { done: true }]);
    await expect(fetch(`${base}/health/live`)).rejects.toThrow();
  });

  it('stops at boot on a bad environment, naming the variable', async () => {
    await expect(createProductApp(DemoModule, { name: 'demo-api', defaultPort: 0, env: { GATEWAY_URL: 'nope' } })).rejects.toThrow(ConfigError);
  });
});
