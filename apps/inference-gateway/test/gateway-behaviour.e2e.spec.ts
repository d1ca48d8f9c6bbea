import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { modelsDir } from '@matrix/paths';
import type { TensorModelHandle } from '@matrix/model-loading';
import { ModelService } from '../src/models/model.service';
import { postJson, readJson, RunningGateway, startGateway, testRepository, useModelsDir } from './gateway-harness';

// Backpressure, auth, races and shutdown against a real gateway whose MobileNet queue is tiny.
const finch = readFileSync(join(modelsDir(), 'mobilenetv2-12-int8', 'finch.jpeg'));
const KEYS = 'sentiment:sent-key-123:use-lite-en;ops:ops-key-456:*:admin=*';
const ops = { authorization: 'Bearer ops-key-456' };

function classify(url: string, headers: Record<string, string> = ops, signal?: AbortSignal) {
  return fetch(`${url}/v1/images/classify`, { method: 'POST', headers: { 'content-type': 'image/jpeg', ...headers }, body: finch, signal });
}

/** Makes MobileNet's runtime wait until the returned function is called (a model that is busy). */
function holdModel(gateway: RunningGateway): (() => void) & { entered: Promise<void> } {
  const handle = gateway.app.get(ModelService).residentHandle('mobilenetv2-int8', '12') as TensorModelHandle;
  const infer = handle.infer.bind(handle);
  let release: () => void = () => undefined;
  let enter: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const entered = new Promise<void>((resolve) => (enter = resolve));
  Object.assign(handle, { infer: async (...args: Parameters<TensorModelHandle['infer']>) => (enter(), await gate, infer(...args)) });
  const open = () => {
    release();
    Object.assign(handle, { infer });
  };
  return Object.assign(open, { entered });
}

describe('gateway behaviour under load and control', () => {
  let gateway: RunningGateway;
  let restoreModelsDir: () => void = () => undefined;

  beforeAll(async () => {
    const repo = testRepository((manifest) => {
      const mobilenet = manifest.models.find((m) => m.id === 'mobilenetv2-int8');
      if (mobilenet) mobilenet.batching = { maxBatchSize: 1, maxQueueDelayMs: 0, maxQueueSize: 3 };
      manifest.models = manifest.models.filter((m) => m.id !== 'broken-classifier');
    });
    restoreModelsDir = useModelsDir(repo.modelsDir);
    gateway = await startGateway({ MODEL_MANIFEST: repo.manifest, GATEWAY_API_KEYS: KEYS });
  }, 60_000);

  afterAll(async () => {
    await gateway?.close();
    restoreModelsDir();
  });

  it('answers 401 without a valid key and 403 for a model the product may not call; probes stay open', async () => {
    expect((await classify(gateway.url, {})).status).toBe(401);
    expect((await classify(gateway.url, { 'x-api-key': 'wrong-key-000' })).status).toBe(401);
    const forbidden = await classify(gateway.url, { authorization: 'Bearer sent-key-123' });
    expect(forbidden.status).toBe(403);
    expect((await readJson(forbidden)).error).toBe("the key of product 'sentiment' lacks the 'infer' scope for model 'mobilenetv2-int8'");
    const allowed = await postJson(`${gateway.url}/v1/embed`, { texts: ['hello'] }, { authorization: 'Bearer sent-key-123' });
    expect(allowed.status).toBe(200);
    expect((await fetch(`${gateway.url}/v2/health/ready`)).status).toBe(200);
    expect((await fetch(`${gateway.url}/metrics`)).status).toBe(200);
  });

  it('refuses overload at once with 429 and a Retry-After in seconds, and serves the rest', async () => {
    // Hold the cold model busy so the queue fills deterministically: before any measurement the bound is
    // one batch running and one waiting (2 × batch size 1): 1 running + 2 queued, the other 7 refused.
    const open = holdModel(gateway);
    try {
      const settled: Response[] = [];
      const all = Array.from({ length: 10 }, () => classify(gateway.url).then((r) => (settled.push(r), r)));
      while (settled.length < 7) await new Promise((resolve) => setTimeout(resolve, 5));
      expect(settled.map((r) => r.status)).toEqual(Array(7).fill(429));
      const refused = settled[0];
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      const body = await readJson(refused);
      expect(body.error).toMatch(/overloaded: 2 requests queued \(bound 2 for interactive requests\); retry after \d+ s/);
      expect(body).toMatchObject({ code: 'queue_full', details: { model: 'mobilenetv2-int8', lane: 'interactive', queue_bound: 2 } });
      open();
      const statuses = (await Promise.all(all)).map((r) => r.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(3);
    } finally {
      open();
    }
  });

  it('drops a queued request whose client went away', async () => {
    const models = gateway.app.get(ModelService);
    const count = (text: string) => Number(text.match(/gateway_errors_total\{model="mobilenetv2-int8",kind="cancelled"\} (\d+)/)?.[1] ?? 0);
    const before = count(await (await fetch(`${gateway.url}/metrics`)).text());
    const open = holdModel(gateway);
    const busy = classify(gateway.url);
    await open.entered; // the first request is running, so the next one must queue
    const controller = new AbortController();
    const abandoned = classify(gateway.url, ops, controller.signal).catch((e: Error) => e);
    while (models.status('mobilenetv2-int8').queueDepth < 1) await new Promise((resolve) => setTimeout(resolve, 2));
    controller.abort();
    expect(((await abandoned) as Error).name).toBe('AbortError');
    while (models.status('mobilenetv2-int8').queueDepth > 0) await new Promise((resolve) => setTimeout(resolve, 2));
    open();
    expect((await busy).status).toBe(200);
    expect(count(await (await fetch(`${gateway.url}/metrics`)).text())).toBe(before + 1);
  });

  it('survives concurrent inference, unload and load of one model: never a 500, READY at the end', async () => {
    const work: Array<Promise<number>> = [];
    for (let i = 0; i < 6; i++) {
      work.push(classify(gateway.url).then((r) => r.status));
      if (i === 2) work.push(postJson(`${gateway.url}/v2/repository/models/mobilenetv2-int8/unload`, {}, ops).then((r) => r.status));
      if (i === 4) work.push(postJson(`${gateway.url}/v2/repository/models/mobilenetv2-int8/load`, {}, ops).then((r) => r.status));
    }
    const statuses = await Promise.all(work);
    expect(statuses.filter((s) => ![200, 429, 503].includes(s))).toEqual([]);
    await postJson(`${gateway.url}/v2/repository/models/mobilenetv2-int8/load`, {}, ops);
    expect((await fetch(`${gateway.url}/v2/models/mobilenetv2-int8/ready`, { headers: ops })).status).toBe(200);
    expect((await classify(gateway.url)).status).toBe(200);
  });

  it('loads an unloaded model again on demand when a request needs it', async () => {
    await postJson(`${gateway.url}/v2/repository/models/mobilenetv2-int8/unload`, {}, ops);
    const response = await classify(gateway.url);
    expect(response.status).toBe(200);
    expect((await readJson(response)).results[0].top[0].label).toBe('house finch');
  });
});

describe('graceful shutdown', () => {
  it('finishes queued requests before closing', async () => {
    const gateway = await startGateway();
    const inFlight = Array.from({ length: 6 }, () => classify(gateway.url, {}).then((r) => r.status));
    // Close once the requests are inside the gateway (using the model or queued for it).
    const models = gateway.app.get(ModelService);
    while (!models.index().some((m) => m.inUse > 0)) await new Promise((resolve) => setTimeout(resolve, 1));
    await gateway.close();
    expect(await Promise.all(inFlight)).toEqual([200, 200, 200, 200, 200, 200]);
  }, 60_000);
});
