/**
 * The gateway bench's load generator, in a process of its own: the bench starts it at a lower CPU
 * priority (and on other cores where asked), so the clients take as little as possible from the
 * gateway, and their own CPU time can be measured apart from the gateway's. Gets one LoadJob over
 * IPC, answers 'measuring' when the warm-up ends and 'done' with the result and its CPU time.
 */
import { latencyStats, Refusal, refusalAware, runLoad } from '@matrix/dev-harness';
import { GatewayClient } from '@matrix/gateway-client';
import { benchRequest } from './bench-requests';
import type { LoadClientMessage, LoadJob } from './load-client-messages';

function send(message: LoadClientMessage): Promise<void> {
  return new Promise((resolve) => (process.send ? process.send(message, () => resolve()) : resolve()));
}

function cpuMs(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function run(job: LoadJob): Promise<void> {
  const request = benchRequest(job.model, job.inputs);
  const client = new GatewayClient({ baseUrl: job.baseUrl, maxRetries: 0 });
  let cpuAtStart = process.cpuUsage();
  let wallAtStart = performance.now();
  const warmedUp = setTimeout(() => {
    cpuAtStart = process.cpuUsage();
    wallAtStart = performance.now();
    void send({ type: 'measuring' });
  }, job.warmupMs);
  const measureFrom = performance.now() + job.warmupMs;
  const until = measureFrom + job.durationMs;
  const attempts: number[] = [];
  const answers: number[] = [];
  let refusals = 0;
  /**
   * One request as a product's gateway client makes it: a refused one (429) is sent again after its
   * Retry-After, so runLoad's latency is the time to an answer, retries included. Each attempt is
   * also counted on its own (answered attempts' latencies, refusals), the bench's older measure.
   */
  const answered = async (i: number): Promise<Refusal | undefined> => {
    const firstSent = performance.now();
    for (;;) {
      const started = performance.now();
      const outcome = await refusalAware(() => request(client, i));
      if (started >= measureFrom) {
        if (outcome) refusals++;
        else attempts.push(performance.now() - started);
      }
      if (!outcome) {
        if (firstSent >= measureFrom) answers.push(performance.now() - firstSent);
        return undefined;
      }
      const pauseMs = Math.min(outcome.pauseMs, until - performance.now());
      // The run ends while this request waits for its retry: it never got an answer, so it is no latency.
      if (pauseMs <= 0) return { refused: true, pauseMs: 0 };
      await sleep(pauseMs);
    }
  };
  const result = await runLoad({ concurrency: job.concurrency, durationMs: job.durationMs, warmupMs: job.warmupMs, request: answered });
  clearTimeout(warmedUp);
  await send({
    type: 'done',
    result,
    attempts: latencyStats(attempts),
    attemptLatencies: attempts,
    answerLatencies: answers,
    refusals,
    cpuMs: cpuMs(process.cpuUsage()) - cpuMs(cpuAtStart),
    wallMs: performance.now() - wallAtStart,
  });
}

process.once('message', (job: LoadJob) => {
  run(job)
    .catch((error: Error) => send({ type: 'failed', message: error.stack ?? error.message }))
    .finally(() => process.disconnect?.());
});
// Asked for its job only once it listens: a message sent before that would be lost.
void send({ type: 'ready' });
