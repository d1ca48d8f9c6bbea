import { randomBytes } from 'node:crypto';

/**
 * The product APIs' authorization, checked from outside: every operation of an API's OpenAPI document
 * is called (a) with no credentials, (b) as each signed-in staff member whose role does not satisfy the
 * route, (c) as the staff members whose role does (the exact role and admin), or, on visitor routes,
 * with a real visitor token. Path parameters get placeholder ids and bodies may be empty: what counts is
 * whether the guard lets a call through (401/403 = denied; any other answer = passed the guard).
 * Each operation's declared access comes from its `x-access` extension (libs/product-server access-report).
 */

export type StaffRole = 'admin' | 'agent' | 'analyst' | 'viewer';
export type DeclaredAccess =
  | { kind: 'public'; rateLimit?: string }
  | { kind: 'staff'; role: StaffRole }
  | { kind: 'visitor'; header: string }
  | { kind: 'undeclared' };

export interface OpenApiDocument {
  paths: Record<string, Record<string, { operationId?: string; 'x-access'?: DeclaredAccess; responses?: unknown }>>;
}

export interface AuditedRoute {
  product: string;
  method: string;
  path: string;
  access: DeclaredAccess;
  /** Status with no credentials. */
  none: number;
  /** Statuses of the wrong-role callers (name → status); empty where no role is wrong (viewer routes: a user with no role here). */
  wrong: Record<string, number>;
  /** Statuses of the right-role callers. */
  right: Record<string, number>;
  violations: string[];
}

export interface AuthzSummary {
  suite: 'authz';
  routes: number;
  public: number;
  unauthenticated_denied: number;
  wrong_role_denied: number;
  right_role_ok: number;
  violations: number;
}

const ROLES: readonly StaffRole[] = ['admin', 'agent', 'analyst', 'viewer'];
const satisfies = (held: StaffRole, required: StaffRole) => held === 'admin' || required === 'viewer' || held === required;
const denied = (status: number) => status === 401 || status === 403;
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const FOREIGN_TOKEN = 'foreign-token';

interface Session {
  name: string;
  role: StaffRole | null;
  headers: Record<string, string>;
  email: string;
  password: string;
}

interface Reply {
  status: number;
  json: unknown;
  headers: Headers;
}

async function request(url: string, method: string, headers: Record<string, string> = {}, body?: unknown): Promise<Reply> {
  for (let attempt = 0; ; attempt++) {
    const response = await fetch(url, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    // Rate limited (the audit's own burst): wait as told and ask again; it says nothing about authorization.
    if (response.status === 429 && attempt < 5) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(10, Number(response.headers.get('retry-after')) || 1) * 1000));
      continue;
    }
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: response.status, json, headers: response.headers };
  }
}

/** Signs in: the session and CSRF cookies, and the CSRF header a cookie-authenticated write needs. */
async function signIn(baseUrl: string, email: string, password: string): Promise<Record<string, string>> {
  const reply = await request(`${baseUrl}/api/auth/sign-in`, 'POST', {}, { email, password });
  if (reply.status !== 200) throw new Error(`sign-in of ${email} answered ${reply.status}: ${JSON.stringify(reply.json)}`);
  const cookies = reply.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');
  const csrf = (reply.json as { csrfToken?: string }).csrfToken ?? /matrix_csrf=([^;]+)/.exec(cookies)?.[1] ?? '';
  return { cookie: cookies, 'x-csrf-token': csrf };
}

/**
 * Staff members for one product, made with the bootstrap admin token (POST /api/auth/users) and signed in:
 * one per role the product accepts, and one with no role in it.
 */
export async function createStaff(baseUrl: string, product: string, adminToken: string): Promise<Session[]> {
  const sessions: Session[] = [];
  const bearer = { authorization: `Bearer ${adminToken}` };
  const tag = randomBytes(3).toString('hex');
  for (const role of [...ROLES, null] as const) {
    const email = `${role ?? 'no-role'}.${product}.${tag}@audit.example`;
    const password = randomBytes(18).toString('base64url');
    const created = await request(`${baseUrl}/api/auth/users`, 'POST', bearer, { email, name: `audit ${role ?? 'no role'}`, password, role: role ?? 'viewer' });
    if (created.status >= 400) {
      if (role === null || created.status === 401 || created.status === 403) {
        throw new Error(`creating ${email} in ${product} answered ${created.status}: ${JSON.stringify(created.json)}`);
      }
      continue; // a role this product does not have (e.g. agent outside the chatbot)
    }
    if (role === null) {
      const id = (created.json as { id?: string; user?: { id?: string } }).id ?? (created.json as { user?: { id?: string } }).user?.id;
      const removed = await request(`${baseUrl}/api/auth/users/${encodeURIComponent(String(id))}/role`, 'PUT', bearer, { role: null });
      if (removed.status >= 400) throw new Error(`removing the role of ${email} in ${product} answered ${removed.status}: ${JSON.stringify(removed.json)}`);
    }
    sessions.push({ name: role ?? 'no-role', role, email, password, headers: await signIn(baseUrl, email, password) });
  }
  return sessions;
}

/** A visitor token per visitor header: from a public POST route whose answer carries `{id, token}` (e.g. starting a chat conversation). */
async function visitorTokens(baseUrl: string, doc: OpenApiDocument): Promise<{ id: string; token: string } | undefined> {
  for (const [path, item] of Object.entries(doc.paths)) {
    const post = item.post;
    if (!post || post['x-access']?.kind !== 'public' || path.includes('{') || path.startsWith('/api/auth')) continue;
    const reply = await request(`${baseUrl}${path}`, 'POST', {}, {});
    const body = reply.json as { id?: unknown; token?: unknown } | undefined;
    if (reply.status < 300 && typeof body?.id === 'string' && typeof body?.token === 'string') return { id: body.id, token: body.token };
  }
  return undefined;
}

function fill(path: string, id?: string): string {
  let first = true;
  return path.replace(/\{[^}]+\}/g, () => {
    const value = first && id ? id : 'audit-placeholder-0';
    first = false;
    return encodeURIComponent(value);
  });
}

/** Calls every operation of one product API and judges each answer against the operation's declared access. */
export async function auditProduct(product: string, baseUrl: string, adminToken: string): Promise<AuditedRoute[]> {
  const doc = (await request(`${baseUrl}/docs/openapi.json`, 'GET')).json as OpenApiDocument;
  const staff = await createStaff(baseUrl, product, adminToken);
  const visitor = await visitorTokens(baseUrl, doc);
  const routes: AuditedRoute[] = [];
  const operations = Object.entries(doc.paths)
    .flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([, op]) => op && typeof op === 'object' && 'responses' in op)
        .map(([method, op]) => ({ path, method: method.toUpperCase(), access: op['x-access'] ?? ({ kind: 'undeclared' } as DeclaredAccess) })),
    )
    // Sign-out last: it ends the session it is called with (each caller signs in again afterwards).
    .sort((a, b) => Number(/sign-out$/.test(a.path)) - Number(/sign-out$/.test(b.path)));

  for (const { path, method, access } of operations) {
    const body = WRITES.has(method) && method !== 'DELETE' ? {} : undefined;
    const call = async (headers: Record<string, string>, id?: string) => (await request(`${baseUrl}${fill(path, id)}`, method, headers, body)).status;
    const route: AuditedRoute = { product, method, path, access, none: await call({}), wrong: {}, right: {}, violations: [] };
    const signOut = /sign-out$/.test(path);
    const asStaff = async (session: Session) => {
      const status = await call(session.headers);
      if (signOut) session.headers = await signIn(baseUrl, session.email, session.password);
      return status;
    };
    if (access.kind === 'public') {
      // Public: reachable without credentials; a public route may still answer 401 itself (sign-in with no password).
    } else if (access.kind === 'visitor') {
      if (!denied(route.none)) route.violations.push(`reachable without credentials (${route.none})`);
      // A staff session is no visitor token.
      const admin = staff.find((s) => s.role === 'admin');
      if (admin) route.wrong['admin (no token)'] = await asStaff(admin);
      route.wrong[FOREIGN_TOKEN] = await call({ [access.header]: randomBytes(32).toString('base64url') }, visitor?.id);
      if (visitor) route.right['visitor'] = await call({ [access.header]: visitor.token }, visitor.id);
      else route.violations.push('no public route hands out a visitor token to check it with');
    } else {
      const required: StaffRole = access.kind === 'staff' ? access.role : 'admin';
      if (access.kind === 'undeclared') route.violations.push('declares no access (every route must; treated as admin-only)');
      if (!denied(route.none)) route.violations.push(`reachable without credentials (${route.none})`);
      for (const session of staff) {
        const ok = session.role !== null && satisfies(session.role, required);
        const isRight = ok && (session.role === required || session.role === 'admin');
        if (!ok) route.wrong[session.name] = await asStaff(session);
        else if (isRight) route.right[session.name] = await asStaff(session);
      }
    }
    // A foreign visitor token may also be answered 404 (the conversation is not shown to be there at all).
    const refused = (who: string, status: number) => denied(status) || (who === FOREIGN_TOKEN && status === 404);
    for (const [who, status] of Object.entries(route.wrong)) if (!refused(who, status)) route.violations.push(`reachable as ${who} (${status})`);
    for (const [who, status] of Object.entries(route.right)) if (denied(status)) route.violations.push(`denied to ${who} (${status})`);
    routes.push(route);
  }
  return routes;
}

export function summarize(routes: AuditedRoute[]): AuthzSummary {
  const nonPublic = routes.filter((r) => r.access.kind !== 'public');
  return {
    suite: 'authz',
    routes: routes.length,
    public: routes.length - nonPublic.length,
    unauthenticated_denied: nonPublic.filter((r) => denied(r.none)).length,
    wrong_role_denied: nonPublic.filter((r) => Object.keys(r.wrong).length > 0 && r.violations.every((v) => !v.startsWith('reachable as'))).length,
    right_role_ok: nonPublic.filter((r) => Object.keys(r.right).length > 0 && !Object.values(r.right).some(denied)).length,
    violations: routes.reduce((sum, r) => sum + r.violations.length, 0),
  };
}

const describeAccess = (access: DeclaredAccess) =>
  access.kind === 'staff' ? `role ${access.role}` : access.kind === 'visitor' ? `visitor (${access.header})` : access.kind;

/** A readable table: one line per route, with the status each caller got. */
export function formatTable(routes: AuditedRoute[]): string {
  const rows = routes.map((r) => [
    r.product,
    r.method,
    r.path,
    describeAccess(r.access),
    String(r.none),
    Object.entries(r.wrong)
      .map(([who, s]) => `${who}:${s}`)
      .join(' ') || '-',
    Object.entries(r.right)
      .map(([who, s]) => `${who}:${s}`)
      .join(' ') || '-',
    r.violations.length ? `VIOLATION: ${r.violations.join('; ')}` : 'ok',
  ]);
  const header = ['product', 'method', 'path', 'declared', 'none', 'wrong role', 'right role', 'verdict'];
  const widths = header.map((h, i) => Math.min(60, Math.max(h.length, ...rows.map((row) => row[i].length))));
  const line = (cells: string[]) => cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
