import { loadavg } from 'node:os';
import { processCpuSeconds, runLoad, type LoadResult } from '@matrix/dev-harness';
import { formatTable } from '@matrix/evaluation-metrics';
import { GatewayClient } from '@matrix/gateway-client';
import { analyzeOne } from './sentiment-api-client';

export interface ThroughputSetup {
  apiUrl: string;
  gatewayUrl: string;
  /** Process ids of the API and the gateway, for their CPU time (/proc); undefined where unknown. */
  pids: { api?: number; gateway?: number };
  /** The API's binary model: what the direct /v1/classify run calls (the model an analysis is built on). */
  model: string;
  texts: readonly string[];
  clients: number;
  seconds: number;
}

interface Measured {
  load: LoadResult;
  /** CPU ms per answered request over the whole run (warm-up included), per process. */
  apiCpuMs?: number;
  gatewayCpuMs?: number;
}

const WARMUP_MS = 2000;

/** One closed-loop run of `request` with the CPU time the API and the gateway spent on it. */
async function measure(setup: ThroughputSetup, request: (text: string) => Promise<void>): Promise<Measured> {
  const before = { api: processCpuSeconds(setup.pids.api), gateway: processCpuSeconds(setup.pids.gateway) };
  let answered = 0;
  const load = await runLoad({
    concurrency: setup.clients,
    durationMs: setup.seconds * 1000,
    warmupMs: WARMUP_MS,
    request: async (i) => {
      await request(setup.texts[i % setup.texts.length]);
      answered++;
    },
  });
  const perRequest = (pid: number | undefined, start: number | undefined) => {
    const end = processCpuSeconds(pid);
    return start === undefined || end === undefined || !answered ? undefined : ((end - start) * 1000) / answered;
  };
  return { load, apiCpuMs: perRequest(setup.pids.api, before.api), gatewayCpuMs: perRequest(setup.pids.gateway, before.gateway) };
}

const round = (value: number | undefined, digits = 1) => (value === undefined ? undefined : Number(value.toFixed(digits)));

/**
 * The cost of the product around its model: POST /api/analyze against the gateway's own POST /v1/classify of the
 * API's binary model, with the same clients, texts and duration, one after the other in this run (so the ratio holds
 * whatever else the machine is doing). Prints a table, then one JSON line with both rates and their ratio.
 */
export async function runThroughput(setup: ThroughputSetup, log: (line: string) => void): Promise<void> {
  const gateway = new GatewayClient({ baseUrl: setup.gatewayUrl });
  let sentences = 0;
  let analyses = 0;
  log(`throughput: POST /api/analyze, ${setup.clients} clients, ${setup.seconds} s (+${WARMUP_MS / 1000} s warm-up)`);
  const analyze = await measure(setup, async (text) => {
    const analysis = await analyzeOne(setup.apiUrl, text, 'load-test');
    sentences += analysis.sentences?.length ?? 1;
    analyses++;
  });
  log(`throughput: POST /v1/classify (model ${setup.model}) on the gateway directly, same clients, texts and duration`);
  const classify = await measure(setup, async (text) => {
    await gateway.classify([text], { model: setup.model, priority: 'interactive' });
  });
  const loadAverage = loadavg()[0];
  // Sentences per text over every analyze request (warm-up included: same texts, round-robin).
  const sentencesPerText = analyses ? sentences / analyses : 1;
  const ratio = classify.load.requestsPerSecond ? analyze.load.requestsPerSecond / classify.load.requestsPerSecond : 0;
  const row = (route: string, m: Measured, sentenceRate?: number) => ({
    route,
    clients: setup.clients,
    seconds: Number(m.load.seconds.toFixed(1)),
    requests: m.load.requests,
    errors: m.load.errors,
    'texts/s': Number(m.load.requestsPerSecond.toFixed(1)),
    'sentences/s': sentenceRate === undefined ? '' : Number(sentenceRate.toFixed(1)),
    'p50 ms': Math.round(m.load.p50Ms),
    'p95 ms': Math.round(m.load.p95Ms),
    'p99 ms': Math.round(m.load.p99Ms),
    'API CPU ms/text': m === analyze ? (round(m.apiCpuMs) ?? '') : '',
    'gateway CPU ms/text': round(m.gatewayCpuMs) ?? '',
  });
  console.log(
    formatTable(
      [row('POST /api/analyze', analyze, analyze.load.requestsPerSecond * sentencesPerText), row(`POST /v1/classify (gateway, ${setup.model})`, classify)],
      {
        digits: 1,
      },
    ),
  );
  for (const [name, m] of [
    ['analyze', analyze],
    ['classify', classify],
  ] as const) {
    if (m.load.firstError) log(`first ${name} load error: ${m.load.firstError}`);
  }
  console.log(`analyze / classify: ${ratio.toFixed(2)}× (1-min load average ${loadAverage.toFixed(2)})\n`);
  console.log(
    JSON.stringify({
      throughput: 'POST /api/analyze vs gateway POST /v1/classify',
      clients: setup.clients,
      seconds: setup.seconds,
      analyze_texts_per_s: round(analyze.load.requestsPerSecond, 2),
      analyze_sentences_per_s: round(analyze.load.requestsPerSecond * sentencesPerText, 2),
      classify_texts_per_s: round(classify.load.requestsPerSecond, 2),
      analyze_vs_classify: round(ratio, 3),
      analyze_p95_ms: Math.round(analyze.load.p95Ms),
      classify_p95_ms: Math.round(classify.load.p95Ms),
      api_cpu_ms_per_text: round(analyze.apiCpuMs, 2),
      gateway_cpu_ms_per_analyze: round(analyze.gatewayCpuMs, 2),
      gateway_cpu_ms_per_classify: round(classify.gatewayCpuMs, 2),
      errors: analyze.load.errors + classify.load.errors,
      load_average_1m: round(loadAverage, 2),
    }),
  );
}
