/**
 * `npx nx run inference-gateway:overload` — immediate backpressure under a crowd. Starts a gateway
 * on 127.0.0.1 serving one text-embedding model of the offline manifest, lets ordinary traffic teach
 * it the model's pace, then drives `--clients` closed-loop clients at it for a 1 s warm-up and
 * `--seconds` measured; a refused client waits its Retry-After (plus jitter, as libs/gateway-client
 * does) before asking again. Prints how fast refusals come back (the first second, when every client
 * connects at once, apart), the admitted latency and the 429 share, then one JSON line.
 */
import { join } from 'node:path';
import { loadLabelledTsv } from '@matrix/datasets';
import { cliArgs, manifestWithModels, measureGatewayOverload, startGatewayProcess } from '@matrix/dev-harness';
import { datasetsDir } from '@matrix/paths';

const MAX_CLIENTS = 2000;
const MAX_SECONDS = 60;
const USAGE = `Usage: nx run inference-gateway:overload [--clients 600] [--seconds 5] [--model use-lite-en] [--texts <sst2-format tsv>]
  Loopback only; at most ${MAX_CLIENTS} clients and ${MAX_SECONDS} seconds.`;

const args = cliArgs(USAGE, { clients: '600', seconds: '5', model: 'use-lite-en', texts: join(datasetsDir(), 'sst2', 'dev.tsv') });

function bounded(value: string, max: number, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    console.error(`--${name} must be a whole number from 1 to ${max} (got '${value}')\n\n${USAGE}`);
    process.exit(2);
  }
  return n;
}

const clients = bounded(args.clients, MAX_CLIENTS, 'clients');
const seconds = bounded(args.seconds, MAX_SECONDS, 'seconds');

function round(x: number): number {
  return Number.isFinite(x) ? Math.round(x * 10) / 10 : -1;
}

async function main(): Promise<void> {
  const texts = loadLabelledTsv(args.texts).map((row) => row.sentence);
  const gateway = await startGatewayProcess({ MODEL_MANIFEST: manifestWithModels([args.model]) });
  try {
    console.log(`gateway overload: ${clients} concurrent clients at ${args.model}, 1 s warm-up + ${seconds} s measured (loopback ${gateway.url})`);
    const { load: result, burst, admissionMetrics } = await measureGatewayOverload({ gatewayUrl: gateway.url, clients, seconds, model: args.model, texts });
    const { refusals } = result;
    console.log(
      `first second (all clients at once, not counted below): ${burst.count} refused, time to 429 p50 ${round(burst.p50Ms)} ms, p95 ${round(burst.p95Ms)} ms`,
    );
    console.log(
      `admitted: ${result.requests} (${result.requestsPerSecond.toFixed(1)}/s), latency p50 ${round(result.p50Ms)} ms, p95 ${round(result.p95Ms)} ms`,
    );
    console.log(
      `refused (429): ${refusals.count}, time to 429 p50 ${round(refusals.p50Ms)} ms, p95 ${round(refusals.p95Ms)} ms, max ${round(refusals.maxMs)} ms`,
    );
    console.log(`429 share: ${(result.refusedShare * 100).toFixed(1)} %${result.errors ? `; other errors: ${result.errors} (${result.firstError})` : ''}`);
    console.log(`gateway admission state:\n  ${admissionMetrics.join('\n  ')}`);
    console.log(
      JSON.stringify({
        suite: 'gateway-overload',
        clients,
        p95_ms_to_429: round(refusals.p95Ms),
        admitted_p95_ms: round(result.p95Ms),
        rejected_share: Math.round(result.refusedShare * 1000) / 1000,
        first_second_p95_ms_to_429: round(burst.p95Ms),
      }),
    );
  } finally {
    await gateway.stop();
  }
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
