import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { GatewayClient } from './gateway-client';
import { GatewayError } from './gateway-error';

// A scripted HTTP server on 127.0.0.1 stands in for the gateway, to pin down retry and timeout
// behaviour exactly; the real gateway is exercised by apps/inference-gateway's e2e tests.
type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;

async function serve(
  handlers: Handler[],
): Promise<{ url: string; server: Server; seen: Array<{ url?: string; headers: IncomingMessage['headers']; body: string }> }> {
  const seen: Array<{ url?: string; headers: IncomingMessage['headers']; body: string }> = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      seen.push({ url: req.url, headers: req.headers, body });
      const handler = handlers[Math.min(seen.length - 1, handlers.length - 1)];
      handler(req, body, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, seen };
}

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}) =>
  (_req: IncomingMessage, _body: string, res: ServerResponse) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };

describe('GatewayClient', () => {
  const servers: Server[] = [];
  afterEach(() => servers.splice(0).forEach((s) => s.close()));

  it('sends the API key, priority and queue timeout, and returns the typed body', async () => {
    const fake = await serve([json(200, { model: 'use-lite-en', version: '1', dimensions: 2, embeddings: [[1, 0]], tokens: [3] })]);
    servers.push(fake.server);
    const client = new GatewayClient({ baseUrl: fake.url, apiKey: 'k-123456789' });
    const result = await client.embed(['hi'], { priority: 'bulk', timeoutMs: 500 });
    expect(result.embeddings).toEqual([[1, 0]]);
    expect(fake.seen[0].url).toBe('/v1/embed');
    expect(fake.seen[0].headers.authorization).toBe('Bearer k-123456789');
    expect(fake.seen[0].headers['x-priority']).toBe('bulk');
    expect(JSON.parse(fake.seen[0].body)).toEqual({ texts: ['hi'], priority: 'bulk', timeout_ms: 500 });
  });

  it('sends several heads as one /v1/classify call with models (no model field) and answers their heads in order', async () => {
    const heads = [
      { model: 'a', version: '1', results: [{ label: 'x', score: 1, scores: { x: 1 } }] },
      { model: 'b', version: '2', results: [{ label: 'y', score: 1, scores: { y: 1 } }] },
    ];
    const fake = await serve([json(200, { heads })]);
    servers.push(fake.server);
    const client = new GatewayClient({ baseUrl: fake.url });
    await expect(client.classifyHeads(['hi'], ['a', 'b'], { priority: 'interactive' })).resolves.toEqual({ heads });
    expect(fake.seen[0].url).toBe('/v1/classify');
    expect(JSON.parse(fake.seen[0].body)).toEqual({ texts: ['hi'], models: ['a', 'b'], priority: 'interactive' });
  });

  it('retries 429 after the Retry-After the gateway asked for, then succeeds', async () => {
    const fake = await serve([
      json(429, { error: 'overloaded', code: 'queue_full' }, { 'retry-after': '2' }),
      json(429, { error: 'overloaded', code: 'queue_full' }, { 'retry-after': '1' }),
      json(200, { model: 'm', version: '1', results: [] }),
    ]);
    servers.push(fake.server);
    const waits: number[] = [];
    const client = new GatewayClient({ baseUrl: fake.url, sleep: async (ms) => void waits.push(ms), random: () => 0 });
    await expect(client.classify(['x'])).resolves.toEqual({ model: 'm', version: '1', results: [] });
    expect(waits).toEqual([2000, 1000]);
    expect(fake.seen).toHaveLength(3);
  });

  it('keeps retrying a gateway that sheds load only maxRetries times, waiting at least Retry-After plus a bounded jitter', async () => {
    const refusal = {
      error:
        "model 'use-lite-en' is overloaded: predicted queue wait 1840 ms exceeds the 1000 ms maximum for interactive requests (300 queued); retry after 1 s",
      code: 'predicted_wait',
      details: { model: 'use-lite-en', predicted_wait_ms: 1840 },
      request_id: 'r-9',
    };
    const fake = await serve([
      json(429, refusal, { 'retry-after': '1' }),
      json(429, refusal, { 'retry-after': '1' }),
      json(429, refusal, { 'retry-after': '30' }),
    ]);
    servers.push(fake.server);
    const waits: number[] = [];
    const client = new GatewayClient({ baseUrl: fake.url, maxRetries: 3, sleep: async (ms) => void waits.push(ms), random: () => 1 });
    const error = (await client.embed(['x']).catch((e) => e)) as GatewayError;
    expect([error.status, error.code, error.retryAfterSeconds, error.requestId, error.retryable]).toEqual([429, 'predicted_wait', 30, 'r-9', true]);
    expect(error.message).toBe(refusal.error);
    expect(fake.seen).toHaveLength(4); // the first try and 3 retries, no more
    expect(waits).toEqual([1200, 1200, 10_000]); // Retry-After + 20 % jitter, never beyond maxRetryDelayMs
  });

  it('gives up after maxRetries and reports the last error with its code and request id', async () => {
    const fake = await serve([json(503, { error: "model 'm' is not ready (FAILED)", code: 'model_not_ready', request_id: 'r-1' })]);
    servers.push(fake.server);
    const client = new GatewayClient({ baseUrl: fake.url, maxRetries: 2, sleep: async () => undefined });
    const error = (await client.embed(['x']).catch((e) => e)) as GatewayError;
    expect(error).toBeInstanceOf(GatewayError);
    expect([error.status, error.code, error.requestId, error.message]).toEqual([503, 'model_not_ready', 'r-1', "model 'm' is not ready (FAILED)"]);
    expect(fake.seen).toHaveLength(3);
  });

  it('never retries bad input', async () => {
    const fake = await serve([json(400, { error: 'texts: give at least one text', code: 'invalid_input' })]);
    servers.push(fake.server);
    const client = new GatewayClient({ baseUrl: fake.url, sleep: async () => undefined });
    await expect(client.embed([])).rejects.toMatchObject({ status: 400, code: 'invalid_input', message: 'texts: give at least one text' });
    expect(fake.seen).toHaveLength(1);
  });

  it('times out a gateway that does not answer, without hanging', async () => {
    const fake = await serve([() => undefined]);
    servers.push(fake.server);
    const client = new GatewayClient({ baseUrl: fake.url, timeoutMs: 100, maxRetries: 0 });
    const started = Date.now();
    await expect(client.embed(['x'])).rejects.toMatchObject({ status: 0, code: 'timeout' });
    expect(Date.now() - started).toBeLessThan(2000);
    fake.server.closeAllConnections();
  });

  it('reports an unreachable gateway as a network error, and readiness() as not ready', async () => {
    const fake = await serve([json(200, {})]);
    const url = fake.url;
    await new Promise((resolve) => fake.server.close(resolve));
    const client = new GatewayClient({ baseUrl: url, maxRetries: 1, sleep: async () => undefined });
    await expect(client.embed(['x'])).rejects.toMatchObject({ status: 0, code: 'network' });
    await expect(client.readiness()).resolves.toMatchObject({ ready: false });
  });

  it('sends one raw image as the body with its options in the query string', async () => {
    const fake = await serve([json(200, { model: 'm', version: '1', results: [{ top: [] }] })]);
    servers.push(fake.server);
    const client = new GatewayClient({ baseUrl: fake.url });
    await client.classifyImage(Buffer.from([0xff, 0xd8, 0xff]), { topK: 3, contentType: 'image/jpeg' });
    expect(fake.seen[0].url).toBe('/v1/images/classify?top_k=3');
    expect(fake.seen[0].headers['content-type']).toBe('image/jpeg');
  });

  it('sends one raw image to detect, with model and min_score in the query', async () => {
    const fake = await serve([json(200, { model: 'centernet-coco', version: '1', results: [] })]);
    servers.push(fake.server);
    const client = new GatewayClient({ baseUrl: fake.url });
    await client.detectImage(Buffer.from([0xff, 0xd8, 0xff]), { model: 'centernet-coco', minScore: 0.05, contentType: 'image/jpeg', priority: 'bulk' });
    expect(fake.seen[0].url).toBe('/v1/images/detect?model=centernet-coco&min_score=0.05');
    expect(fake.seen[0].headers['content-type']).toBe('image/jpeg');
    expect(fake.seen[0].headers['x-priority']).toBe('bulk');
  });

  it('refuses a base URL without a scheme', () => {
    expect(() => new GatewayClient({ baseUrl: 'localhost:8100' })).toThrow(/must start with http/);
  });
});
