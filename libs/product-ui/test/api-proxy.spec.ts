/**
 * @jest-environment node
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { forwardToApi, hasCookie, productApiProxy, productWebProxy, signInRedirect } from '../src/api-proxy';

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

describe('sign-in: cookies both ways and the page guard of productWebProxy', () => {
  it('forwards Cookie and x-csrf-token to the API and every Set-Cookie back to the browser', async () => {
    let seen: IncomingMessage['headers'] = {};
    const url = await api((req, res) => {
      seen = req.headers;
      res.setHeader('set-cookie', ['matrix_session=s1; Path=/; HttpOnly; Secure; SameSite=Lax', 'matrix_csrf=c1; Path=/; Secure; SameSite=Lax']);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
    const request = new Request('http://web.local/api/auth/sign-out', {
      method: 'POST',
      headers: { cookie: 'matrix_session=s0; matrix_csrf=c0', 'x-csrf-token': 'c0' },
      body: '{}',
    });
    const response = await forwardToApi(request, { apiUrl: url });
    expect(seen.cookie).toBe('matrix_session=s0; matrix_csrf=c0');
    expect(seen['x-csrf-token']).toBe('c0');
    expect(response.headers.getSetCookie()).toEqual([
      'matrix_session=s1; Path=/; HttpOnly; Secure; SameSite=Lax',
      'matrix_csrf=c1; Path=/; Secure; SameSite=Lax',
    ]);
  });

  it('sends a page request without a session cookie to /sign-in?next=<page>', () => {
    const response = signInRedirect(new Request('http://web.local/history?page=2&label=NEGATIVE'));
    expect(response?.status).toBe(307);
    expect(response?.headers.get('location')).toBe('http://web.local/sign-in?next=%2Fhistory%3Fpage%3D2%26label%3DNEGATIVE');
    expect(signInRedirect(new Request('http://web.local/'))?.headers.get('location')).toBe('http://web.local/sign-in');
  });

  it('lets through a session cookie, the sign-in page, health, static files and the public pages', () => {
    const withCookie = new Request('http://web.local/agent', { headers: { cookie: 'a=1; matrix_session=abc' } });
    expect(signInRedirect(withCookie)).toBeUndefined();
    for (const path of ['/sign-in', '/sign-in?next=%2Fagent', '/health', '/_next/static/chunks/main.js', '/icon.svg', '/favicon.ico'])
      expect(signInRedirect(new Request(`http://web.local${path}`))).toBeUndefined();
    expect(signInRedirect(new Request('http://web.local/'), ['/'])).toBeUndefined();
    expect(signInRedirect(new Request('http://web.local/visit/abc'), ['/visit/*'])).toBeUndefined();
    // Public '/' is that page only, not every page below it.
    expect(signInRedirect(new Request('http://web.local/agent'), ['/'])?.status).toBe(307);
    expect(signInRedirect(new Request('http://web.local/agent', { headers: { cookie: 'matrix_session=' } }))?.status).toBe(307);
    expect(hasCookie('x=1;matrix_session=v', 'matrix_session')).toBe(true);
    expect(hasCookie('not_matrix_session=v', 'matrix_session')).toBe(false);
  });

  it('forwards /api/* without asking for a session (the API answers 401 itself) and guards the pages', async () => {
    const url = await api((_req, res) => {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'Sign in first', code: 'unauthenticated' }));
    });
    process.env.WEB_PROXY_SPEC_API_URL = url;
    try {
      const proxy = productWebProxy('WEB_PROXY_SPEC_API_URL', 'http://127.0.0.1:1', { publicPages: ['/'] });
      const apiAnswer = await proxy(new Request('http://web.local/api/articles'));
      expect(apiAnswer?.status).toBe(401);
      expect(await apiAnswer?.json()).toMatchObject({ code: 'unauthenticated' });
      expect(await proxy(new Request('http://web.local/'))).toBeUndefined();
      expect((await proxy(new Request('http://web.local/knowledge-base')))?.headers.get('location')).toBe('http://web.local/sign-in?next=%2Fknowledge-base');
    } finally {
      delete process.env.WEB_PROXY_SPEC_API_URL;
    }
  });
});
