import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeSegment, manifestWithModels, PATH_CASES, rawRequest, runGatewayAuthzAudit, snapshotTree } from '@matrix/dev-harness';
import { modelsDir } from '@matrix/paths';
import { parse } from 'yaml';
import { RunningGateway, startGateway } from './gateway-harness';

// Key scopes, the lane bound to the key and the model-store path cases, against a real gateway over HTTP.
const MODEL = 'mobilenetv2-int8';
const PRODUCT_KEY = 'prod-key-1111';
const OPS_KEY = 'ops-key-22222';
const BULK_KEY = 'bulk-key-3333';
const KEYS = [`product:${PRODUCT_KEY}:${MODEL},own-head:admin=own-head`, `ops:${OPS_KEY}:-:admin=*`, `batch:${BULK_KEY}:${MODEL}:lane=bulk`].join(';');
const finch = readFileSync(join(modelsDir(), 'mobilenetv2-12-int8', 'finch.jpeg'));
const as = (key: string) => ({ authorization: `Bearer ${key}` });

describe('gateway key scopes, lanes and model-store paths', () => {
  let gateway: RunningGateway;
  let root: string;
  let store: string;
  let entry: Record<string, unknown>;
  const post = (path: string, key: string, body: unknown = {}, headers: Record<string, string> = {}) =>
    rawRequest(gateway.url, 'POST', path, { headers: { ...as(key), ...headers }, body });

  beforeAll(async () => {
    const manifest = manifestWithModels([MODEL]);
    const { id: _id, ...config } = (parse(readFileSync(manifest, 'utf8')) as { models: Array<Record<string, unknown>> }).models[0];
    entry = config;
    root = mkdtempSync(join(tmpdir(), 'gateway-authz-'));
    store = join(root, 'store');
    gateway = await startGateway({ MODEL_MANIFEST: manifest, GATEWAY_MODEL_STORE: store, GATEWAY_API_KEYS: KEYS });
  }, 60_000);

  afterAll(async () => {
    await gateway?.close();
  });

  it('refuses model control to an infer key with 403 naming the missing scope', async () => {
    for (const path of [`/v2/repository/models/${MODEL}/unload`, `/v2/repository/models/${MODEL}/load`, `/v2/repository/models/${MODEL}/versions/12/unload`]) {
      const reply = await post(path, PRODUCT_KEY);
      expect(reply.status).toBe(403);
      expect(reply.body?.error).toBe(`the key of product 'product' lacks the 'admin' scope for model '${MODEL}' (it has the 'infer' scope for it)`);
    }
    const register = await post(`/v2/repository/models/${MODEL}/load`, PRODUCT_KEY, { parameters: { config: { ...entry, version: '13' } } });
    expect(register.status).toBe(403);
    expect((await post(`/v2/repository/models/${MODEL}/unload`, BULK_KEY)).status).toBe(403);
  });

  it('lets an admin key unload, load and register, but not call a model', async () => {
    expect((await post(`/v2/repository/models/${MODEL}/unload`, OPS_KEY)).body?.state).toBe('UNLOADED');
    expect((await post(`/v2/repository/models/${MODEL}/load`, OPS_KEY)).body?.state).toBe('READY');
    const registered = await post(`/v2/repository/models/ops-copy/load`, OPS_KEY, { parameters: { config: { ...entry, version: '1' } } });
    expect(registered).toMatchObject({ status: 200, body: { state: 'READY' } });
    const infer = await rawRequest(gateway.url, 'POST', `/v1/images/classify?model=${MODEL}`, { headers: as(OPS_KEY), body: finch });
    expect(infer.status).toBe(403);
    expect(infer.body?.error).toBe(`the key of product 'ops' lacks the 'infer' scope for model '${MODEL}' (it has the 'admin' scope for it)`);
  });

  it('lets a product register and replace its own head (admin for that id only), then call it', async () => {
    const registered = await post('/v2/repository/models/own-head/load', PRODUCT_KEY, { parameters: { config: { ...entry, version: '1' } } });
    expect(registered).toMatchObject({ status: 200, body: { state: 'READY' } });
    const replaced = await post('/v2/repository/models/own-head/load', PRODUCT_KEY, { parameters: { config: { ...entry, version: '1' } } });
    expect(replaced.status).toBe(200);
    const tags = await rawRequest(gateway.url, 'POST', '/v1/images/classify?model=own-head', { headers: as(PRODUCT_KEY), body: finch });
    expect(tags.status).toBe(200);
    expect((await post('/v2/repository/models/ops-copy/unload', PRODUCT_KEY)).status).toBe(403);
  });

  it('refuses a model outside the key’s list with 403, on task and protocol routes', async () => {
    const task = await rawRequest(gateway.url, 'POST', '/v1/images/classify?model=own-head', { headers: as(BULK_KEY), body: finch });
    expect(task.status).toBe(403);
    expect(task.body?.error).toBe("the key of product 'batch' lacks the 'infer' scope for model 'own-head'");
    expect((await rawRequest(gateway.url, 'GET', '/v2/models/own-head', { headers: as(BULK_KEY) })).status).toBe(403);
    expect((await rawRequest(gateway.url, 'GET', '/v2/models/own-head', { headers: as(PRODUCT_KEY) })).status).toBe(200);
    expect((await rawRequest(gateway.url, 'POST', '/v1/images/classify', { body: finch })).status).toBe(401);
  });

  it('binds the lane to the key: a bulk key stays bulk whatever it asks, an interactive key may lower itself', async () => {
    const classify = (key: string, headers: Record<string, string> = {}, query = '') =>
      rawRequest(gateway.url, 'POST', `/v1/images/classify?model=${MODEL}${query}`, { headers: { ...as(key), ...headers }, body: finch });
    const bulkAsksInteractive = await classify(BULK_KEY, { 'x-priority': 'interactive' });
    expect(bulkAsksInteractive.status).toBe(200);
    expect(bulkAsksInteractive.headers['x-priority']).toBe('bulk');
    expect((await classify(BULK_KEY, {}, '&priority=interactive')).headers['x-priority']).toBe('bulk');
    expect((await classify(PRODUCT_KEY)).headers['x-priority']).toBe('interactive');
    expect((await classify(PRODUCT_KEY, { 'x-priority': 'bulk' })).headers['x-priority']).toBe('bulk');
    const body = await post('/v1/images/classify', BULK_KEY, { model: MODEL, images: [finch.toString('base64')], priority: 'interactive' });
    expect(body.headers['x-priority']).toBe('bulk');
  });

  describe('model ids and versions that would leave the store', () => {
    let before: string[];
    const outside = () => readFileSync(join(root, 'outside.txt'), 'utf8');

    beforeAll(() => {
      mkdirSync(join(store, 'own-head', '7'), { recursive: true });
      writeFileSync(join(store, 'own-head', '7', 'model.onnx'), 'keep');
      writeFileSync(join(root, 'outside.txt'), 'keep');
      before = snapshotTree(store);
    });

    afterAll(() => {
      expect(snapshotTree(store)).toEqual(before);
      expect(outside()).toBe('keep');
    });

    const file = { 'file:model.onnx': Buffer.from('not a model').toString('base64') };

    it.each(PATH_CASES)('refuses $name as a registered version with 400, touching nothing', async ({ value }) => {
      const reply = await post('/v2/repository/models/own-head/load', OPS_KEY, { parameters: { config: { ...entry, version: value }, ...file } });
      expect(reply.status).toBe(400);
      expect(reply.body?.error).toMatch(/model version .* is not valid/);
      expect(snapshotTree(store)).toEqual(before);
    });

    it.each(PATH_CASES)('refuses $name as a model id in the route with 400 (register, load, unload, versions)', async ({ value }) => {
      const id = encodeSegment(value);
      const register = await post(`/v2/repository/models/${id}/load`, OPS_KEY, { parameters: { config: { ...entry, version: '2' }, ...file } });
      expect(register.status).toBe(400);
      for (const path of [`/v2/repository/models/${id}/load`, `/v2/repository/models/${id}/unload`, `/v2/repository/models/own-head/versions/${id}/unload`]) {
        expect((await post(path, OPS_KEY)).status).toBe(400);
      }
      expect(snapshotTree(store)).toEqual(before);
    });

    it('refuses a registration whose source folder lies outside the store', async () => {
      const source = { type: 'path', path: root };
      const reply = await post('/v2/repository/models/own-head/load', OPS_KEY, { parameters: { config: { ...entry, version: '9', source } } });
      expect(reply.status).toBe(400);
      expect(reply.body?.error).toMatch(/must lie inside the gateway's model store/);
    });

    it('refuses a file name that climbs out of the model folder', async () => {
      const reply = await post('/v2/repository/models/own-head/load', OPS_KEY, {
        parameters: { config: { ...entry, version: '8' }, 'file:a/../../../outside.txt': Buffer.from('overwritten').toString('base64') },
      });
      expect(reply.status).toBe(400);
      expect(outside()).toBe('keep');
    });
  });

  it('passes the whole audit: every route with no key, an infer key and an admin key, and every path case', async () => {
    const report = await runGatewayAuthzAudit({
      url: gateway.url,
      storeDir: store,
      inferKey: PRODUCT_KEY,
      adminKey: OPS_KEY,
      bulkKey: BULK_KEY,
      model: { id: MODEL, version: '12', entry },
      image: finch,
      otherModel: 'not-granted-model',
    });
    expect(report.failures).toEqual([]);
    expect(report.routes).toBeGreaterThanOrEqual(20);
  }, 60_000);
});
