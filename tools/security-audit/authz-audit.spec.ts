import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { auditProduct, formatTable, summarize, type OpenApiDocument } from './authz-audit';

// The audit's judgement, against a stand-in API whose "guard" is deliberately wrong in known places:
// it must report exactly those routes, and count the rest.

const ADMIN_TOKEN = 'audit-spec-admin-token';

const doc: OpenApiDocument = {
  paths: {
    '/health/live': { get: { responses: {}, 'x-access': { kind: 'public' } } },
    '/api/things': {
      get: { responses: {}, 'x-access': { kind: 'staff', role: 'viewer' } },
      post: { responses: {}, 'x-access': { kind: 'staff', role: 'analyst' } },
    },
    '/api/things/{id}': { delete: { responses: {}, 'x-access': { kind: 'staff', role: 'admin' } } },
    '/api/leaky': { get: { responses: {}, 'x-access': { kind: 'staff', role: 'admin' } } },
    '/api/too-strict': { get: { responses: {}, 'x-access': { kind: 'staff', role: 'viewer' } } },
    '/api/forgotten': { get: { responses: {} } },
  },
};

/** Sessions are `session=<role>`; roles as the real contract, except /api/leaky (open to all) and /api/too-strict (admin only). */
function answer(req: IncomingMessage, body: string): [number, unknown] {
  const url = req.url ?? '';
  const bearer = req.headers.authorization === `Bearer ${ADMIN_TOKEN}`;
  if (url === '/docs/openapi.json') return [200, doc];
  if (url === '/api/auth/users' && req.method === 'POST') {
    if (!bearer) return [401, {}];
    const { role, email } = JSON.parse(body) as { role: string; email: string };
    return role === 'agent' ? [422, {}] : [201, { id: email }];
  }
  if (url.endsWith('/role') && req.method === 'PUT') return bearer ? [200, {}] : [401, {}];
  if (url === '/api/auth/sign-in') {
    const { email } = JSON.parse(body) as { email: string };
    return [200, { csrfToken: 'csrf', email }];
  }
  if (url === '/health/live' || url === '/api/leaky') return [200, {}];
  const role = /session=([\w-]+)/.exec(String(req.headers.cookie ?? ''))?.[1];
  if (!role) return [401, {}];
  const required =
    url === '/api/forgotten' ? 'admin' : url === '/api/too-strict' ? 'admin' : req.method === 'GET' ? 'viewer' : req.method === 'POST' ? 'analyst' : 'admin';
  const held = role === 'no-role' ? null : role;
  const ok = held === 'admin' || (held !== null && (required === 'viewer' || held === required));
  return ok ? [404, {}] : [403, {}];
}

describe('authz audit judgement', () => {
  let server: Server;
  let url: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        const [status, json] = answer(req, body);
        const headers: Record<string, string | string[]> = { 'content-type': 'application/json' };
        if (req.url === '/api/auth/sign-in') {
          const email = (JSON.parse(body) as { email: string }).email;
          headers['set-cookie'] = [`session=${email.split('.')[0]}; HttpOnly`];
        }
        res.writeHead(status, headers);
        res.end(JSON.stringify(json));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => server.close());

  it('reports the open, the too strict and the undeclared route, and counts the rest', async () => {
    const routes = await auditProduct('stand-in', url, ADMIN_TOKEN);
    const violations = Object.fromEntries(routes.filter((r) => r.violations.length).map((r) => [`${r.method} ${r.path}`, r.violations]));
    expect(violations).toEqual({
      'GET /api/leaky': ['reachable without credentials (200)', 'reachable as analyst (200)', 'reachable as viewer (200)', 'reachable as no-role (200)'],
      'GET /api/too-strict': ['denied to viewer (403)'],
      'GET /api/forgotten': ['declares no access (every route must; treated as admin-only)'],
    });
    expect(summarize(routes)).toEqual({
      suite: 'authz',
      routes: 7,
      public: 1,
      unauthenticated_denied: 5,
      wrong_role_denied: 5,
      right_role_ok: 5,
      violations: 6,
    });
    expect(formatTable(routes)).toMatch(/GET\s+\/api\/leaky\s+role admin\s+200 .*VIOLATION/);
  });
});
