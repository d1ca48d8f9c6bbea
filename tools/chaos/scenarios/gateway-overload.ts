import { loadLabelledTsv, sst2Path } from '@matrix/datasets';
import { measureGatewayOverload } from '@matrix/dev-harness';
import { ChaosStack } from '../chaos-stack';
import type { ChaosScenario, ChaosSettings, ScenarioOutcome } from '../chaos-scenario';

/** A refusal slower than this is no backpressure (issue 16, item 5). */
const MAX_P95_MS_TO_429 = 100;
const MODEL = 'use-lite-en';
const SECONDS = 5;

function round(x: number): number {
  return Number.isFinite(x) ? Math.round(x * 10) / 10 : -1;
}

/**
 * A crowd at the gateway: `--clients` (600) closed-loop clients at one embedding model, measured by
 * the same code as `inference-gateway:overload` (measureGatewayOverload). Passes when refusals come
 * back at once: p95 time to 429 ≤ 100 ms, and the crowd was refused at all.
 */
export const gatewayOverload: ChaosScenario = {
  name: 'gateway-overload',
  summary: `concurrent clients at the gateway: p95 time to 429 <= ${MAX_P95_MS_TO_429} ms`,
  async run(settings: ChaosSettings): Promise<ScenarioOutcome> {
    const stack = new ChaosStack(settings.tmpRoot, 'gateway-overload');
    try {
      const gateway = await stack.startGateway([MODEL]);
      const texts = loadLabelledTsv(sst2Path('dev')).map((row) => row.sentence);
      settings.log(`${settings.clients} clients at ${MODEL} on ${gateway.url}, 1 s warm-up + ${SECONDS} s measured`);
      const { load, burst } = await measureGatewayOverload({ gatewayUrl: gateway.url, clients: settings.clients, seconds: SECONDS, model: MODEL, texts });
      const p95 = load.refusals.p95Ms;
      const notes: string[] = [];
      if (load.refusals.count === 0)
        notes.push(`no request was refused (429) under ${settings.clients} clients: the gateway queued everything (admitted p95 ${round(load.p95Ms)} ms)`);
      else if (!(p95 <= MAX_P95_MS_TO_429)) notes.push(`p95 time to 429 is ${round(p95)} ms (> ${MAX_P95_MS_TO_429} ms): refusals wait in the queue first`);
      if (load.errors) notes.push(`${load.errors} requests failed otherwise (first: ${load.firstError})`);
      return {
        passed: load.refusals.count > 0 && p95 <= MAX_P95_MS_TO_429,
        notes,
        figures: {
          clients: settings.clients,
          'p95 ms to 429': round(p95),
          'p50 ms to 429': round(load.refusals.p50Ms),
          '429 share': Number(load.refusedShare.toFixed(3)),
          'admitted p95 ms': round(load.p95Ms),
          'first-second p95 ms to 429': round(burst.p95Ms),
          errors: load.errors,
        },
        counts: {},
      };
    } finally {
      await stack.stop();
    }
  },
};
