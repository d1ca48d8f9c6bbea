// Throughput of POST /api/analyze at N concurrent clients (closed loop), in texts/s and sentences/s.
// Starts the real gateway (USE embeddings only) and the API as processes, on a temp SQLite file, with
// the trained head (else the test anchor head), and sends SST-2 dev sentences round-robin.
//
//   node -r @swc-node/register apps/sentiment-api/test/analyze-throughput.bench.ts --clients 16 --seconds 20
//   (SWC_NODE_PROJECT=tsconfig.base.json)
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSst2 } from '@matrix/datasets';
import { cliArgs, manifestWithModels, runLoad, startAppProcess, startGatewayProcess } from '@matrix/dev-harness';
import { GatewayClient } from '@matrix/gateway-client';
import { latestSentimentArtifact } from '@matrix/sentiment-model';
import { ANCHOR_HEAD_CONFIG, anchorHeadFiles } from './support/anchor-head';

async function main(): Promise<void> {
  const args = cliArgs('usage: analyze-throughput.bench.ts [--clients 16] [--seconds 20] [--warmup 3]', { clients: '16', seconds: '20', warmup: '3' });
  const texts = loadSst2('dev').map((row) => row.sentence);
  const work = mkdtempSync(join(tmpdir(), 'sentiment-bench-'));
  const gateway = await startGatewayProcess({ MODEL_MANIFEST: manifestWithModels(['use-lite-en']), GATEWAY_MODEL_STORE: join(work, 'store') });
  let head = 'trained';
  try {
    latestSentimentArtifact();
  } catch {
    head = 'test anchor head (no trained artifact)';
    const client = new GatewayClient({ baseUrl: gateway.url });
    await client.registerModel('sentiment-head', ANCHOR_HEAD_CONFIG, await anchorHeadFiles(client));
  }
  const api = await startAppProcess('sentiment-api', {
    readyPath: '/health/ready',
    env: { SENTIMENT_DATABASE_URL: `file:${join(work, 'bench.db')}`, GATEWAY_URL: gateway.url },
  });
  const url = api.url;
  try {
    const warmupMs = Number(args.warmup) * 1000;
    const measureFrom = performance.now() + warmupMs;
    let sentences = 0;
    const result = await runLoad({
      concurrency: Number(args.clients),
      durationMs: Number(args.seconds) * 1000,
      warmupMs,
      request: async (i) => {
        const started = performance.now();
        const response = await fetch(`${url}/api/analyze`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ text: texts[i % texts.length], source: 'bench' }),
        });
        if (response.status !== 201) throw new Error(`analyze answered ${response.status}: ${await response.text()}`);
        const body = (await response.json()) as { sentences: unknown[] };
        // Sentences of the measured period only (requests started after the warm-up).
        if (started >= measureFrom) sentences += body.sentences.length;
      },
    });
    console.log(`head: ${head}; ${args.clients} clients; SST-2 dev sentences round-robin`);
    console.log(
      JSON.stringify({
        route: 'POST /api/analyze',
        clients: Number(args.clients),
        seconds: +result.seconds.toFixed(1),
        texts_per_s: +result.requestsPerSecond.toFixed(1),
        sentences_per_s: +(sentences / result.seconds).toFixed(1),
        p50_ms: +result.p50Ms.toFixed(1),
        p95_ms: +result.p95Ms.toFixed(1),
        p99_ms: +result.p99Ms.toFixed(1),
        errors: result.errors,
      }),
    );
  } finally {
    await api.stop();
    await gateway.stop();
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
