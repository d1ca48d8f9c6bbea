import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';

/**
 * The gateway's authorization, checked from outside: every model-control and infer route called with
 * no key, an infer key and an admin key, and every path case (`..`, `.`, `a/../b`, absolute, NUL,
 * over-long) as a model id and as a version, with the store checked untouched afterwards.
 * `workspace-tools:gateway-authz` runs it against a gateway process; the gateway's e2e against its own.
 */
export interface GatewayAuthzAuditOptions {
  url: string;
  /** The gateway's GATEWAY_MODEL_STORE: the audit puts sentinel files there, which must be the same after the path cases. */
  storeDir: string;
  /** A key with the infer scope for `model` and no admin scope. */
  inferKey: string;
  /** A key with the admin scope for every model (`admin=*`) and no infer scope. */
  adminKey: string;
  /** A served image-classification model, and its manifest entry (registered again under another id). */
  model: { id: string; version: string; entry: Record<string, unknown> };
  /** One image the model classifies. */
  image: Buffer;
  /** A model the infer key may not call. */
  otherModel: string;
  /** A key with the infer scope for `model` bound to the bulk lane (`lane=bulk`): its requests must run bulk whatever they ask. */
  bulkKey?: string;
}

export interface AuditCheck {
  route: string;
  /** The path case, for the checks of model ids and versions. */
  case?: string;
  caller: Caller;
  expected: string;
  status: number;
  ok: boolean;
  message?: string;
}

export interface GatewayAuthzReport {
  suite: 'gateway-authz';
  routes: number;
  checks: number;
  violations: number;
  failures: AuditCheck[];
}

type Caller = 'none' | 'infer' | 'admin' | 'bulk';
/** An exact status, or `allowed`: past authorization (neither 401 nor 403, and no server error). */
type Expected = number | 'allowed';

/** Values a model id or version must never be, each refused with 400 and nothing touched on disk. */
export const PATH_CASES: ReadonlyArray<{ name: string; value: string }> = [
  { name: 'parent', value: '..' },
  { name: 'dot', value: '.' },
  { name: 'climb inside', value: 'a/../b' },
  { name: 'absolute', value: '/etc' },
  { name: 'NUL', value: 'a\0b' },
  { name: 'over-long', value: 'v'.repeat(300) },
];

/** Every byte percent-encoded, so a client never folds `.`/`..` segments: the server sees the value itself. */
export const encodeSegment = (value: string) => [...Buffer.from(value, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0').toUpperCase()}`).join('');

export interface RawReply {
  status: number;
  body: { error?: string; state?: string } | undefined;
  headers: Record<string, string | string[] | undefined>;
}

/** One request with the path sent byte for byte as given (node:http, not fetch, which normalises dot segments). */
export function rawRequest(url: string, method: string, path: string, options: { headers?: Record<string, string>; body?: unknown } = {}): Promise<RawReply> {
  const payload = options.body === undefined ? undefined : Buffer.isBuffer(options.body) ? options.body : Buffer.from(JSON.stringify(options.body), 'utf8');
  const contentType = Buffer.isBuffer(options.body) ? 'image/jpeg' : 'application/json';
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        method,
        path,
        headers: { ...(payload ? { 'content-type': contentType, 'content-length': String(payload.length) } : {}), ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: RawReply['body'];
          try {
            body = text ? JSON.parse(text) : undefined;
          } catch {
            body = undefined;
          }
          resolve({ status: res.statusCode ?? 0, body, headers: res.headers });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** Every file under `dir` with its size and modification time: equal snapshots mean nothing was written or removed. */
export function snapshotTree(dir: string): string[] {
  const out: string[] = [];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      const stat = statSync(path);
      if (stat.isDirectory()) walk(path);
      else out.push(`${path} ${stat.size} ${stat.mtimeMs}`);
    }
  };
  walk(dir);
  return out;
}

export async function runGatewayAuthzAudit(options: GatewayAuthzAuditOptions): Promise<GatewayAuthzReport> {
  const { url, model } = options;
  const checks: AuditCheck[] = [];
  const routes = new Set<string>();
  const headers: Record<Caller, Record<string, string>> = {
    none: {},
    infer: { authorization: `Bearer ${options.inferKey}` },
    admin: { 'x-api-key': options.adminKey },
    bulk: options.bulkKey ? { authorization: `Bearer ${options.bulkKey}` } : {},
  };
  const check = async (
    route: string,
    caller: Caller,
    expected: Expected,
    method: string,
    path: string,
    body?: unknown,
    mustSay?: RegExp,
    pathCase?: string,
  ) => {
    routes.add(route);
    const reply = await rawRequest(url, method, path, { headers: headers[caller], body });
    const statusOk = expected === 'allowed' ? reply.status !== 401 && reply.status !== 403 && reply.status < 500 : reply.status === expected;
    const message = reply.body?.error;
    const ok = statusOk && (!mustSay || mustSay.test(message ?? ''));
    checks.push({
      route,
      ...(pathCase ? { case: pathCase } : {}),
      caller,
      expected: `${expected}${mustSay ? ` saying ${mustSay}` : ''}`,
      status: reply.status,
      ok,
      ...(message ? { message } : {}),
    });
    return reply;
  };
  const m = encodeSegment(model.id);
  const v = encodeSegment(model.version);
  const zeros = { inputs: [{ name: 'input', datatype: 'FP32', shape: [1, 3, 224, 224], data: new Array(3 * 224 * 224).fill(0) }] };
  const lacksInfer = /lacks the 'infer' scope/;
  const lacksAdmin = /lacks the 'admin' scope/;

  // Public probes and metrics: anyone.
  for (const path of ['/v2', '/v2/health/live', '/v2/health/ready', '/metrics']) await check(`GET ${path}`, 'none', 200, 'GET', path);

  // Listings: any valid key.
  for (const [method, path] of [
    ['GET', '/v1/models'],
    ['POST', '/v2/repository/index'],
  ]) {
    await check(`${method} ${path}`, 'none', 401, method, path);
    await check(`${method} ${path}`, 'infer', 200, method, path);
    await check(`${method} ${path}`, 'admin', 200, method, path);
  }

  // Infer routes: the infer scope for the model; the admin scope is not enough.
  const inferRoutes: Array<[string, string, string, unknown?]> = [
    ['POST /v1/images/classify', 'POST', `/v1/images/classify?model=${m}`, options.image],
    ['GET /v2/models/:name', 'GET', `/v2/models/${m}`],
    ['GET /v2/models/:name/versions/:version', 'GET', `/v2/models/${m}/versions/${v}`],
    ['GET /v2/models/:name/ready', 'GET', `/v2/models/${m}/ready`],
    ['GET /v2/models/:name/versions/:version/ready', 'GET', `/v2/models/${m}/versions/${v}/ready`],
    ['POST /v2/models/:name/infer', 'POST', `/v2/models/${m}/infer`, zeros],
    ['POST /v2/models/:name/versions/:version/infer', 'POST', `/v2/models/${m}/versions/${v}/infer`, zeros],
  ];
  for (const [route, method, path, body] of inferRoutes) {
    await check(route, 'none', 401, method, path, body);
    await check(route, 'infer', 200, method, path, body);
    await check(route, 'admin', 403, method, path, body, lacksInfer);
  }
  // Task routes naming a model: refused without a key, outside the key's list, and for an admin-only key.
  const taskRoutes: Array<[string, Record<string, unknown>]> = [
    ['/v1/embed', { texts: ['hello'] }],
    ['/v1/classify', { texts: ['hello'] }],
    ['/v1/images/classify', { images: [options.image.toString('base64')] }],
    ['/v1/images/detect', { images: [options.image.toString('base64')] }],
    ['/v1/images/zero-shot', { images: [options.image.toString('base64')], labels: ['a bird', 'a cat'] }],
    ['/v1/rank-items', { queries: [{ vector: [1, 0] }], top_k: 1 }],
  ];
  for (const [path, body] of taskRoutes) {
    await check(`POST ${path}`, 'none', 401, 'POST', path, { ...body, model: model.id });
    await check(`POST ${path}`, 'infer', 403, 'POST', path, { ...body, model: options.otherModel }, lacksInfer);
    await check(`POST ${path}`, 'infer', 'allowed', 'POST', path, { ...body, model: model.id });
    await check(`POST ${path}`, 'admin', 403, 'POST', path, { ...body, model: model.id }, lacksInfer);
  }

  // Model control: the admin scope; an infer key is refused saying so. Refusals first, then the admin's own calls in order.
  const auditHead = 'audit-head';
  const register = { parameters: { config: { ...model.entry, version: '1' } } };
  const controlRoutes: Array<[string, string, unknown?]> = [
    ['POST /v2/repository/models/:name/unload', `/v2/repository/models/${m}/unload`, {}],
    ['POST /v2/repository/models/:name/load', `/v2/repository/models/${m}/load`, {}],
    ['POST /v2/repository/models/:name/versions/:version/unload', `/v2/repository/models/${m}/versions/${v}/unload`, {}],
    ['POST /v2/repository/models/:name/versions/:version/load', `/v2/repository/models/${m}/versions/${v}/load`, {}],
    ['POST /v2/repository/models/:name/load (register)', `/v2/repository/models/${auditHead}/load`, register],
  ];
  for (const [route, path, body] of controlRoutes) {
    await check(route, 'none', 401, 'POST', path, body);
    await check(route, 'infer', 403, 'POST', path, body, lacksAdmin);
  }
  for (const [route, path, body] of controlRoutes) await check(route, 'admin', 200, 'POST', path, body);

  // Path cases: as a registered version (with a file, so a folder would be written and replaced), as a route id and a route version.
  for (const [folder, file] of [
    [join(options.storeDir, auditHead, '1'), 'model.onnx'],
    [options.storeDir, 'sentinel.txt'],
  ]) {
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, file), 'must survive every path case');
  }
  const before = snapshotTree(options.storeDir);
  const file = { 'file:model.onnx': Buffer.from('not a model').toString('base64') };
  const refused = (route: string, path: string, body: unknown, pathCase: string) => check(route, 'admin', 400, 'POST', path, body, undefined, pathCase);
  for (const { name, value } of PATH_CASES) {
    const segment = encodeSegment(value);
    const register = 'POST /v2/repository/models/:name/load (register)';
    await refused(
      register,
      `/v2/repository/models/${auditHead}/load`,
      { parameters: { config: { ...model.entry, version: value }, ...file } },
      `version ${name}`,
    );
    await refused(register, `/v2/repository/models/${segment}/load`, { parameters: { config: { ...model.entry, version: '2' }, ...file } }, `id ${name}`);
    for (const action of ['load', 'unload']) {
      await refused(`POST /v2/repository/models/:name/${action}`, `/v2/repository/models/${segment}/${action}`, {}, `id ${name}`);
      await refused(
        `POST /v2/repository/models/:name/versions/:version/${action}`,
        `/v2/repository/models/${auditHead}/versions/${segment}/${action}`,
        {},
        `version ${name}`,
      );
    }
  }
  // The lane is bound to the key: a bulk key asking for the interactive lane still runs bulk; an interactive key may lower itself.
  const lane = async (caller: Caller, asked: string, expected: string) => {
    const route = 'POST /v1/images/classify (lane)';
    routes.add(route);
    const reply = await rawRequest(url, 'POST', `/v1/images/classify?model=${m}`, {
      headers: { ...headers[caller], 'x-priority': asked },
      body: options.image,
    });
    const got = String(reply.headers['x-priority'] ?? '');
    checks.push({
      route,
      case: `asks ${asked}`,
      caller,
      expected: `200 in lane ${expected}`,
      status: reply.status,
      ok: reply.status === 200 && got === expected,
      message: `lane ${got}`,
    });
  };
  if (options.bulkKey) await lane('bulk', 'interactive', 'bulk');
  await lane('infer', 'interactive', 'interactive');
  await lane('infer', 'bulk', 'bulk');

  const after = snapshotTree(options.storeDir);
  const untouched = JSON.stringify(before) === JSON.stringify(after);
  checks.push({ route: 'model store', case: 'after every path case', caller: 'admin', expected: 'unchanged', status: untouched ? 200 : 500, ok: untouched });

  const failures = checks.filter((c) => !c.ok);
  return { suite: 'gateway-authz', routes: routes.size, checks: checks.length, violations: failures.length, failures };
}
