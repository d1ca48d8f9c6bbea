import { loadavg } from 'node:os';
import { latencyStats, processCpuSeconds, runLoad, toggleProfiles, type LatencyStats } from '@matrix/dev-harness';
import { formatTable } from '@matrix/evaluation-metrics';
import { GatewayClient } from '@matrix/gateway-client';
import { analyzeOne } from './sentiment-api-client';

export interface ThroughputSetup {
  apiUrl: string;
  gatewayUrl: string;
  /** Process ids of the API and the gateway, for their CPU time (/proc); undefined where unknown. */
  pids: { api?: number; gateway?: number };
  /**
   * The heads an analysis reads (the binary model, and the three-class head where the API has one): the direct
   * /v1/classify run asks the gateway for the same heads in one call, so both sides do the same model work.
   */
  models: string[];
  texts: readonly string[];
  clients: number;
  /** Measured seconds per route (split over its two parts). */
  seconds: number;
}

/** What one route's parts add up to. */
interface Measured {
  requests: number;
  errors: number;
  firstError?: string;
  seconds: number;
  latency: LatencyStats;
  /** CPU ms per answered request (warm-ups included: the same requests), per process. */
  apiCpuMs?: number;
  gatewayCpuMs?: number;
}

interface Tally {
  requests: number;
  errors: number;
  firstError?: string;
  seconds: number;
  latencies: number[];
  answered: number;
  cpu: { api: number; gateway: number; known: boolean };
}

const WARMUP_MS = 1000;

const newTally = (): Tally => ({ requests: 0, errors: 0, seconds: 0, latencies: [], answered: 0, cpu: { api: 0, gateway: 0, known: true } });

/** One closed-loop part of a route's run, added to its tally: answers, their latencies and the CPU time of both processes. */
async function runPart(setup: ThroughputSetup, tally: Tally, seconds: number, request: (text: string) => Promise<void>): Promise<void> {
  const before = { api: processCpuSeconds(setup.pids.api), gateway: processCpuSeconds(setup.pids.gateway) };
  const measureFrom = performance.now() + WARMUP_MS;
  const load = await runLoad({
    concurrency: setup.clients,
    durationMs: seconds * 1000,
    warmupMs: WARMUP_MS,
    request: async (i) => {
      const started = performance.now();
      await request(setup.texts[i % setup.texts.length]);
      tally.answered++;
      if (started >= measureFrom) tally.latencies.push(performance.now() - started);
    },
  });
  const after = { api: processCpuSeconds(setup.pids.api), gateway: processCpuSeconds(setup.pids.gateway) };
  tally.requests += load.requests;
  tally.errors += load.errors;
  tally.firstError ??= load.firstError;
  tally.seconds += load.seconds;
  if (before.api === undefined || after.api === undefined || before.gateway === undefined || after.gateway === undefined) tally.cpu.known = false;
  else {
    tally.cpu.api += after.api - before.api;
    tally.cpu.gateway += after.gateway - before.gateway;
  }
}

function result(tally: Tally): Measured {
  const perRequest = (cpuSeconds: number) => (tally.cpu.known && tally.answered ? (cpuSeconds * 1000) / tally.answered : undefined);
  return {
    requests: tally.requests,
    errors: tally.errors,
    firstError: tally.firstError,
    seconds: tally.seconds,
    latency: latencyStats(tally.latencies),
    apiCpuMs: perRequest(tally.cpu.api),
    gatewayCpuMs: perRequest(tally.cpu.gateway),
  };
}

const round = (value: number | undefined, digits = 1) => (value === undefined ? undefined : Number(value.toFixed(digits)));
const rate = (m: Measured) => (m.seconds ? m.requests / m.seconds : 0);

/**
 * The cost of the product around its models: POST /api/analyze against the gateway's own POST /v1/classify of the
 * heads an analysis reads, with the same clients, texts and duration in this run. Each route runs in two halves, in the
 * order analyze, classify, classify, analyze, so that load from elsewhere that rises or falls during the run weighs on
 * both alike. Prints a table, then one JSON line with both rates and their ratio.
 */
export async function runThroughput(setup: ThroughputSetup, log: (line: string) => void, profileDir?: string): Promise<void> {
  const gateway = new GatewayClient({ baseUrl: setup.gatewayUrl });
  let sentences = 0;
  let analyses = 0;
  const analyzeText = async (text: string) => {
    const analysis = await analyzeOne(setup.apiUrl, text, 'load-test');
    sentences += analysis.sentences?.length ?? 1;
    analyses++;
  };
  const classifyText = async (text: string) => {
    if (setup.models.length > 1) await gateway.classifyHeads([text], setup.models, { priority: 'interactive' });
    else await gateway.classify([text], { model: setup.models[0], priority: 'interactive' });
  };
  const models = setup.models.join(' + ');
  const tallies = { analyze: newTally(), classify: newTally() };
  log(
    `throughput: POST /api/analyze and POST /v1/classify (${models}, on the gateway directly), ${setup.clients} clients, ` +
      `${setup.seconds} s each in halves (analyze, classify, classify, analyze; +${WARMUP_MS / 1000} s warm-up per half)`,
  );
  const half = setup.seconds / 2;
  // Profiles (--cpu-prof) hold the throughput runs only: both routes, as each process serves them.
  if (profileDir) await toggleProfiles(setup.pids, profileDir, 'start');
  await runPart(setup, tallies.analyze, half, analyzeText);
  await runPart(setup, tallies.classify, half, classifyText);
  await runPart(setup, tallies.classify, half, classifyText);
  await runPart(setup, tallies.analyze, half, analyzeText);
  if (profileDir) {
    await toggleProfiles(setup.pids, profileDir, 'stop');
    log(`CPU profiles of the throughput runs in ${profileDir}/api and ${profileDir}/gateway`);
  }
  const analyze = result(tallies.analyze);
  const classify = result(tallies.classify);
  const loadAverage = loadavg()[0];
  // Sentences per text over every analyze request (warm-ups included: same texts, round-robin).
  const sentencesPerText = analyses ? sentences / analyses : 1;
  const ratio = rate(classify) ? rate(analyze) / rate(classify) : 0;
  // The same ratio from CPU time (API + gateway per analysis against gateway per classification): what the rates' ratio
  // tends to when the machine is CPU-bound, and far steadier than it when other work shares the cores.
  const analyzeCpuMs = analyze.apiCpuMs === undefined || analyze.gatewayCpuMs === undefined ? undefined : analyze.apiCpuMs + analyze.gatewayCpuMs;
  const cpuRatio = analyzeCpuMs && classify.gatewayCpuMs !== undefined ? classify.gatewayCpuMs / analyzeCpuMs : undefined;
  const row = (route: string, m: Measured, withSentences: boolean) => ({
    route,
    clients: setup.clients,
    seconds: Number(m.seconds.toFixed(1)),
    requests: m.requests,
    errors: m.errors,
    'texts/s': Number(rate(m).toFixed(1)),
    'sentences/s': withSentences ? Number((rate(m) * sentencesPerText).toFixed(1)) : '',
    'p50 ms': Math.round(m.latency.p50Ms),
    'p95 ms': Math.round(m.latency.p95Ms),
    'p99 ms': Math.round(m.latency.p99Ms),
    'API CPU ms/text': withSentences ? (round(m.apiCpuMs) ?? '') : '',
    'gateway CPU ms/text': round(m.gatewayCpuMs) ?? '',
  });
  console.log(
    formatTable([row('POST /api/analyze', analyze, true), row(`POST /v1/classify (gateway, ${models})`, classify, false)], {
      digits: 1,
    }),
  );
  if (analyze.firstError) log(`first analyze load error: ${analyze.firstError}`);
  if (classify.firstError) log(`first classify load error: ${classify.firstError}`);
  const byCpu = cpuRatio === undefined ? '' : `; by CPU ms per text ${cpuRatio.toFixed(2)}×`;
  console.log(`analyze / classify: ${ratio.toFixed(2)}×${byCpu} (1-min load average ${loadAverage.toFixed(2)})\n`);
  console.log(
    JSON.stringify({
      throughput: 'POST /api/analyze vs gateway POST /v1/classify',
      classify_models: setup.models,
      clients: setup.clients,
      seconds: setup.seconds,
      analyze_texts_per_s: round(rate(analyze), 2),
      analyze_sentences_per_s: round(rate(analyze) * sentencesPerText, 2),
      classify_texts_per_s: round(rate(classify), 2),
      analyze_vs_classify: round(ratio, 3),
      analyze_vs_classify_by_cpu: round(cpuRatio, 3),
      analyze_p95_ms: Math.round(analyze.latency.p95Ms),
      classify_p95_ms: Math.round(classify.latency.p95Ms),
      api_cpu_ms_per_text: round(analyze.apiCpuMs, 2),
      gateway_cpu_ms_per_analyze: round(analyze.gatewayCpuMs, 2),
      gateway_cpu_ms_per_classify: round(classify.gatewayCpuMs, 2),
      errors: analyze.errors + classify.errors,
      load_average_1m: round(loadAverage, 2),
    }),
  );
}
