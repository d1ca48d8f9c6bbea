import * as tf from '@tensorflow/tfjs';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { manifestWithModels, rawRequest, startGatewayProcess, waitFor, type GatewayProcess } from '@matrix/dev-harness';
import { GatewayClient } from '@matrix/gateway-client';
import { ensureModelServed } from '@matrix/product-server';
import { fnv1a, type HashedNgramSpec } from '@matrix/tokenization';
import { tfjsModelFiles } from './tfjs-model-files';

// Two real gateway processes sharing one model store (a shared volume in Kubernetes): a registration made on
// one replica is served by the other without registering there; a replacement and an unload propagate.
const RESCAN_MS = 300;
const ADMIN_KEY = 'replica-admin-key-0001';
const INFER_KEY = 'replica-infer-key-0002';
const ANY_KEY = 'replica-any-model-0003';
const KEYS = [`product:${ADMIN_KEY}:shared-head:admin=shared-head`, `reader:${INFER_KEY}:shared-head`, `ops:${ANY_KEY}:*`].join(';');
const FEATURES: HashedNgramSpec = { type: 'hashed-ngrams', dimensions: 64, wordNgrams: [1, 1], charNgrams: [0, 0] };

/** Linear 64 → 2 on hashed words: the word 'refund' pushes to class `towards` (0 or 1). Built once each (layer names count up, so a rebuild is other bytes). */
const heads = new Map<number, Promise<Record<string, Buffer>>>();
const head = (towards: 0 | 1) => {
  const built = heads.get(towards) ?? buildHead(towards);
  heads.set(towards, built);
  return built;
};
function buildHead(towards: 0 | 1): Promise<Record<string, Buffer>> {
  const kernel = new Float32Array(64 * 2);
  kernel[(fnv1a('w:refund') % 64) * 2 + towards] = 10;
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [64], units: 2, activation: 'softmax', weights: [tf.tensor2d(kernel, [64, 2]), tf.tensor1d([0, 0])] }));
  return tfjsModelFiles(model);
}

const config = (version: string) => ({
  version,
  task: 'text-classification',
  runtime: 'tfjs-layers',
  labels: { type: 'inline', values: ['other', 'refund'] },
  preprocessing: { features: FEATURES },
});

describe('a shared model registry: register once, every gateway replica serves it', () => {
  let store: string;
  let a: GatewayProcess;
  let b: GatewayProcess;
  const client = (url: string, apiKey: string) => new GatewayClient({ baseUrl: url, apiKey, maxRetries: 0 });
  const labelOn = async (url: string) => (await client(url, INFER_KEY).classify(['I want a refund'], { model: 'shared-head' })).results[0].label;

  beforeAll(async () => {
    store = mkdtempSync(join(tmpdir(), 'shared-registry-'));
    const env = {
      MODEL_MANIFEST: manifestWithModels(['mobilenetv2-int8']),
      GATEWAY_MODEL_STORE: store,
      GATEWAY_API_KEYS: KEYS,
      GATEWAY_REGISTRY_RESCAN_MS: String(RESCAN_MS),
    };
    [a, b] = await Promise.all([startGatewayProcess(env), startGatewayProcess(env)]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
  });

  it('refuses registration to a key without the admin scope, and publishes nothing', async () => {
    const reply = await rawRequest(a.url, 'POST', '/v2/repository/models/shared-head/load', {
      headers: { authorization: `Bearer ${INFER_KEY}` },
      body: { parameters: { config: config('1') } },
    });
    expect(reply.status).toBe(403);
    expect(existsSync(join(store, '.registry', 'shared-head'))).toBe(false);
  });

  it('serves on B a model registered on A only, and lists it there (a product asking B sees it served)', async () => {
    const info = await client(a.url, ADMIN_KEY).registerModel('shared-head', config('1'), await head(1));
    expect(info.state).toBe('READY');
    const record = JSON.parse(readFileSync(join(store, '.registry', 'shared-head', '1.json'), 'utf8'));
    expect(record).toMatchObject({ id: 'shared-head', version: '1', state: 'loaded', checksum: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(readdirSync(join(store, '.registry', 'shared-head')).filter((f) => f.includes('.tmp-'))).toEqual([]);
    // No registration on B: the first request finds it in the registry and loads it.
    expect(await labelOn(b.url)).toBe('refund');
    const listed = (await client(b.url, ADMIN_KEY).models()).find((m) => m.id === 'shared-head');
    expect(listed).toMatchObject({ version: '1', state: 'READY' });
    // The infer key's scope still applies on B: another model is refused.
    const refused = await rawRequest(b.url, 'POST', '/v1/classify', {
      headers: { authorization: `Bearer ${INFER_KEY}` },
      body: { texts: ['x'], model: 'mobilenetv2-int8' },
    });
    expect(refused.status).toBe(403);
  });

  it("a product's readiness check through either replica sees the model served and registers nothing", async () => {
    for (const url of [a.url, b.url]) {
      const gateway = client(url, ADMIN_KEY);
      const registered: string[] = [];
      const product = { models: () => gateway.models(), registerModel: async (id: string) => (registered.push(id), gateway.models().then((m) => m[0])) };
      const status = await ensureModelServed(product, { models: [{ id: 'shared-head', registration: () => ({ config: config('1'), files: {} }) }] }, {});
      expect([status, registered]).toEqual([{ ok: true, version: '1' }, []]);
    }
  });

  it('registering the same content again changes nothing (no new revision)', async () => {
    const before = JSON.parse(readFileSync(join(store, '.registry', 'shared-head', '1.json'), 'utf8')).revision;
    await client(b.url, ADMIN_KEY).registerModel('shared-head', config('1'), await head(1));
    expect(JSON.parse(readFileSync(join(store, '.registry', 'shared-head', '1.json'), 'utf8')).revision).toBe(before);
  });

  it('a replacement on A is served by B within the rescan interval (plus the load)', async () => {
    expect(await labelOn(b.url)).toBe('refund');
    const replacedAt = Date.now();
    await client(a.url, ADMIN_KEY).registerModel('shared-head', config('1'), await head(0));
    expect(await labelOn(a.url)).toBe('other');
    await waitFor('B to serve the replacement', async () => ((await labelOn(b.url)) === 'other' ? true : undefined), 10_000);
    expect(Date.now() - replacedAt).toBeLessThan(RESCAN_MS + 3000);
    // The folder of the content before last is gone; the current and the previous one remain.
    expect(readdirSync(join(store, 'shared-head', '1')).filter((f) => f.startsWith('r-')).length).toBeLessThanOrEqual(2);
  });

  it('a registration that does not load is not published: B keeps the current version, and A returns to it', async () => {
    const before = JSON.parse(readFileSync(join(store, '.registry', 'shared-head', '1.json'), 'utf8')).revision;
    const broken = { 'model.json': Buffer.from('not a model'), 'weights.bin': Buffer.from([1]) };
    await expect(client(a.url, ADMIN_KEY).registerModel('shared-head', config('1'), broken)).rejects.toBeTruthy();
    expect(JSON.parse(readFileSync(join(store, '.registry', 'shared-head', '1.json'), 'utf8')).revision).toBe(before);
    expect(await labelOn(b.url)).toBe('other');
    await waitFor('A to serve the published version again', async () => ((await labelOn(a.url).catch(() => undefined)) === 'other' ? true : undefined), 10_000);
  });

  it('an unload on A frees the model on B too; the registration stays, so the next request loads it again', async () => {
    const unloaded = await rawRequest(a.url, 'POST', '/v2/repository/models/shared-head/unload', {
      headers: { authorization: `Bearer ${ADMIN_KEY}` },
      body: {},
    });
    expect(unloaded.status).toBe(200);
    await waitFor(
      'B to unload it',
      async () => ((await client(b.url, ADMIN_KEY).models()).find((m) => m.id === 'shared-head')?.state === 'UNLOADED' ? true : undefined),
      10_000,
    );
    expect(await labelOn(b.url)).toBe('other');
  });

  it('a record on the shared volume is trusted no more than an HTTP registration: one naming files outside the store is ignored', async () => {
    const good = JSON.parse(readFileSync(join(store, '.registry', 'shared-head', '1.json'), 'utf8'));
    mkdirSync(join(store, '.registry', 'evil-head'), { recursive: true });
    const evil = { ...good, id: 'evil-head', revision: 'x', entry: { ...good.entry, id: 'evil-head', source: { type: 'path', path: '/etc' } } };
    writeFileSync(join(store, '.registry', 'evil-head', '1.json'), JSON.stringify(evil));
    await new Promise((resolve) => setTimeout(resolve, RESCAN_MS * 2));
    const reply = await rawRequest(b.url, 'GET', '/v2/models/evil-head', { headers: { authorization: `Bearer ${ANY_KEY}` } });
    expect(reply.status).toBe(404);
  });

  it('a third replica started later serves every registration at once', async () => {
    const c = await startGatewayProcess({ MODEL_MANIFEST: manifestWithModels(['mobilenetv2-int8']), GATEWAY_MODEL_STORE: store, GATEWAY_API_KEYS: KEYS });
    try {
      expect(await labelOn(c.url)).toBe('other');
    } finally {
      await c.stop();
    }
  }, 60_000);
});
