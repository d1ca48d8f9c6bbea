import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { latencyStats } from '@matrix/dev-harness';
import { GatewayClient } from '@matrix/gateway-client';
import type { TensorModelHandle } from '@matrix/model-loading';
import { ModelService } from '../src/models/model.service';
import { Json, RunningGateway, startGateway } from './gateway-harness';
import { tfjsModelFiles } from './tfjs-model-files';

// Immediate backpressure: a model slowed to 40 ms per batch of 4 (≈ 100 requests/s) is flooded with
// many concurrent requests. Those the queue can serve within the 400 ms maximum wait are admitted
// and answered; the others are refused at once with 429 + Retry-After, not after waiting in the queue.
const MODEL = 'slow-ranker';
const BATCH_DELAY_MS = 40;
const MAX_WAIT_MS = 400;
const DEADLINE_MS = 3000;
const FLOOD = 150;

/** A 2-d factor model of 3 items: cheap to run, so the artificial delay sets its pace. */
function rankerFiles(): Promise<Record<string, Buffer>> {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [2], units: 3, kernelInitializer: 'ones', biasInitializer: 'zeros' }));
  return tfjsModelFiles(model);
}

/** Makes every batch of the model take `delayMs` longer (a model on slow hardware), without using CPU. */
function slowDown(gateway: RunningGateway, delayMs: number): void {
  const handle = gateway.app.get(ModelService).residentHandle(MODEL, '1') as TensorModelHandle;
  const infer = handle.infer.bind(handle);
  Object.assign(handle, {
    infer: async (...args: Parameters<TensorModelHandle['infer']>) => {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      return infer(...args);
    },
  });
}

interface Outcome {
  status: number;
  ms: number;
  retryAfter: string | null;
  body: Json;
}

const RANK_REQUEST = { path: '/v1/rank-items', body: JSON.stringify({ model: MODEL, queries: [{ vector: [1, 0] }], top_k: 1 }) };

async function rank(url: string): Promise<Outcome> {
  const started = performance.now();
  const response = await fetch(`${url}${RANK_REQUEST.path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-timeout-ms': String(DEADLINE_MS) },
    body: RANK_REQUEST.body,
  });
  const body = await response.json();
  return { status: response.status, ms: performance.now() - started, retryAfter: response.headers.get('retry-after'), body };
}

/**
 * `count` concurrent requests from a worker thread, as a crowd of separate clients would send them:
 * the gateway runs in this test's thread, and a client sharing its event loop would time its own
 * work, not the gateway's. Connections are opened (and kept alive) first, so the flood measures
 * answers, not TCP handshakes.
 */
function flood(url: string, count: number): Promise<Outcome[]> {
  const code = `
    const http = require('node:http');
    const { parentPort, workerData: w } = require('node:worker_threads');
    const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
    const target = new URL(w.url);
    const send = (method, path, body, headers) => new Promise((resolve, reject) => {
      const started = performance.now();
      const req = http.request({ host: target.hostname, port: target.port, method, path, agent, headers }, (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode, ms: performance.now() - started, retryAfter: res.headers['retry-after'] ?? null, body: text ? JSON.parse(text) : null }));
      });
      req.on('error', reject);
      req.end(body);
    });
    const all = (fn) => Promise.all(Array.from({ length: w.count }, fn));
    all(() => send('GET', '/v2/health/live'))
      .then(() => all(() => send('POST', w.path, w.body, { 'content-type': 'application/json', 'x-timeout-ms': String(w.deadlineMs) })))
      .then((outcomes) => { agent.destroy(); parentPort.postMessage(outcomes); });
  `;
  const worker = new Worker(code, { eval: true, workerData: { url, count, deadlineMs: DEADLINE_MS, ...RANK_REQUEST } });
  return new Promise((resolve, reject) => {
    worker.once('message', (outcomes: Outcome[]) => void worker.terminate().then(() => resolve(outcomes)));
    worker.once('error', reject);
  });
}

describe('immediate backpressure under a flood of requests', () => {
  let gateway: RunningGateway;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'backpressure-'));
    writeFileSync(join(dir, 'manifest.yaml'), 'manifestVersion: 1\nmodels: []\n');
    gateway = await startGateway({ MODEL_MANIFEST: join(dir, 'manifest.yaml'), GATEWAY_MODEL_STORE: join(dir, 'store') });
    const client = new GatewayClient({ baseUrl: gateway.url, maxRetries: 0 });
    const batching = { maxBatchSize: 4, maxQueueDelayMs: 2, maxQueueWaitMs: { interactive: MAX_WAIT_MS } };
    const info = await client.registerModel(MODEL, { version: '1', task: 'item-ranking', runtime: 'tfjs-layers', batching }, await rankerFiles());
    expect(info.state).toBe('READY');
    slowDown(gateway, BATCH_DELAY_MS);
    // Teach the gateway the model's pace: waves of full batches.
    for (let wave = 0; wave < 4; wave++) {
      const statuses = await Promise.all(Array.from({ length: 8 }, () => rank(gateway.url).then((o) => o.status)));
      expect(statuses).toEqual(Array(8).fill(200));
    }
  }, 60_000);

  afterAll(() => gateway?.close());

  it('refuses what the queue cannot serve in time at once (429 + Retry-After), and serves every admitted request within its deadline', async () => {
    const outcomes = await flood(gateway.url, FLOOD);
    const refused = outcomes.filter((o) => o.status === 429);
    const admitted = outcomes.filter((o) => o.status === 200);
    const toRefusal = latencyStats(refused.map((o) => o.ms));
    const served = latencyStats(admitted.map((o) => o.ms));
    console.log(
      `${FLOOD} concurrent requests: ${admitted.length} admitted (p95 ${served.p95Ms.toFixed(0)} ms, max ${served.maxMs.toFixed(0)} ms), ` +
        `${refused.length} refused (time to 429: p50 ${toRefusal.p50Ms.toFixed(1)} ms, p95 ${toRefusal.p95Ms.toFixed(1)} ms)`,
    );

    expect(outcomes.filter((o) => o.status !== 200 && o.status !== 429)).toEqual([]);
    // ≈ 100 requests/s × 400 ms can wait; give or take what the learned rate says.
    expect(admitted.length).toBeGreaterThanOrEqual(20);
    expect(refused.length).toBeGreaterThanOrEqual(FLOOD / 2);
    expect(toRefusal.p95Ms).toBeLessThanOrEqual(250);
    expect(served.maxMs).toBeLessThan(DEADLINE_MS);

    const example = refused[0];
    expect(Number(example.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(example.body).toMatchObject({ code: 'predicted_wait', details: { model: MODEL, lane: 'interactive', limit_ms: MAX_WAIT_MS } });
    expect(example.body.details.predicted_wait_ms).toBeGreaterThan(MAX_WAIT_MS);
    expect(example.body.error).toMatch(new RegExp(`^model '${MODEL}' is overloaded: predicted queue wait \\d+ ms exceeds the ${MAX_WAIT_MS} ms maximum`));
  }, 30_000);

  it('admits requests again once the queue has drained, and counts refusals by reason', async () => {
    expect((await rank(gateway.url)).status).toBe(200);
    const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
    const refusals = Number(
      metrics.match(new RegExp(`gateway_admission_rejections_total\\{model="${MODEL}",lane="interactive",reason="predicted_wait"\\} (\\d+)`))?.[1],
    );
    expect(refusals).toBeGreaterThanOrEqual(FLOOD / 2);
    expect(metrics).toMatch(new RegExp(`gateway_predicted_queue_wait_seconds_count\\{model="${MODEL}",lane="interactive",outcome="admitted"\\} \\d+`));
    expect(metrics).toMatch(new RegExp(`gateway_queue_bound\\{model="${MODEL}",lane="interactive"\\} \\d+`));
  });
});
