/**
 * @jest-environment node
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { forwardToApi, productApiProxy } from '../src/api-proxy';

// The /api proxy of every product web against a real HTTP server standing in for the product API (and against a
// port nobody listens on: the API down).

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

async function serve(handler: Handler): Promise<{ url: string; server: Server }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

async function deadUrl(): Promise<string> {
  const { url, server } = await serve(() => undefined);
  await new Promise((resolve) => server.close(resolve));
  return url;
}

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});
const api = async (handler: Handler) => {
  const started = await serve(handler);
  servers.push(started.server);
  return started.url;
};

describe('the /api proxy of the product webs', () => {
  it('answers JSON 502 with Retry-After when the API is unreachable (not a bare 500 page)', async () => {
    const response = await forwardToApi(new Request('http://web.local/api/jobs/j1'), { apiUrl: await deadUrl() });
    expect(response.status).toBe(502);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(response.headers.get('retry-after')).toBe('2');
    expect(await response.json()).toEqual({ code: 'api_unreachable', error: expect.stringContaining('cannot be reached') });
  });

  it('answers JSON 504 when the API does not answer in time', async () => {
    const url = await api(() => undefined); // takes the request, never answers
    const response = await forwardToApi(new Request('http://web.local/api/slow'), { apiUrl: url, timeoutMs: 200 });
    expect(response.status).toBe(504);
    expect(await response.json()).toMatchObject({ code: 'api_timeout' });
  });

  it('keeps the API’s 503 and its JSON body and headers as they are', async () => {
    const url = await api((_req, res) => {
      res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '5' });
      res.end(JSON.stringify({ error: 'the model is not served yet', code: 'model_not_ready' }));
    });
    const response = await forwardToApi(new Request('http://web.local/api/analyze', { method: 'POST', body: '{}' }), { apiUrl: url });
    expect([response.status, response.headers.get('retry-after')]).toEqual([503, '5']);
    expect(await response.json()).toEqual({ error: 'the model is not served yet', code: 'model_not_ready' });
  });

  it('wraps a non-JSON 5xx (a load balancer page, a crash) in JSON with the upstream status', async () => {
    const url = await api((_req, res) => {
      res.writeHead(504, { 'content-type': 'text/html' });
      res.end('<html><body>Gateway Timeout</body></html>');
    });
    const response = await forwardToApi(new Request('http://web.local/api/x'), { apiUrl: url });
    expect(response.status).toBe(504);
    expect(await response.json()).toEqual({ code: 'upstream_error', error: 'The API answered 504: Gateway Timeout' });
  });

  it('forwards method, path, query, headers and body, and answers the API’s status and body', async () => {
    const seen: Array<Record<string, unknown>> = [];
    const url = await api((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        seen.push({ method: req.method, url: req.url, key: req.headers['idempotency-key'], type: req.headers['content-type'], body });
        res.writeHead(202, { 'content-type': 'application/json', 'x-request-id': 'r1' });
        res.end('{"job":{"id":"j1"}}');
      });
    });
    const proxy = productApiProxy('TEST_PROXY_API_URL', 'http://127.0.0.1:1');
    process.env.TEST_PROXY_API_URL = url;
    const response = await proxy(
      new Request('http://web.local/api/uploads?column=text', {
        method: 'POST',
        headers: { 'content-type': 'text/csv', 'idempotency-key': 'k-12345678' },
        body: 'text\nhi\n',
      }),
    );
    delete process.env.TEST_PROXY_API_URL;
    expect([response.status, response.headers.get('x-request-id')]).toEqual([202, 'r1']);
    expect(await response.json()).toEqual({ job: { id: 'j1' } });
    expect(seen).toEqual([{ method: 'POST', url: '/api/uploads?column=text', key: 'k-12345678', type: 'text/csv', body: 'text\nhi\n' }]);
  });

  it('streams server-sent events as they come (the first event arrives before the stream ends)', async () => {
    let finish: () => void = () => undefined;
    const url = await api((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('event: progress\ndata: {"done":1}\n\n');
      finish = () => res.end('event: done\ndata: {"done":2}\n\n');
    });
    const response = await forwardToApi(new Request('http://web.local/api/jobs/j1/events'), { apiUrl: url });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toContain('data: {"done":1}');
    finish();
    let rest = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rest += new TextDecoder().decode(chunk.value);
    expect(rest).toContain('event: done');
  });
});
