/**
 * The gateway bench's load generator, in a process of its own: the bench starts it at a lower CPU
 * priority (and on other cores where asked), so the clients take as little as possible from the
 * gateway, and their own CPU time can be measured apart from the gateway's. Gets one LoadJob over
 * IPC, answers 'measuring' when the warm-up ends and 'done' with the result and its CPU time.
 */
import { refusalAware, runLoad } from '@matrix/dev-harness';
import { GatewayClient } from '@matrix/gateway-client';
import { benchRequest } from './bench-requests';
import type { LoadClientMessage, LoadJob } from './load-client-messages';

function send(message: LoadClientMessage): Promise<void> {
  return new Promise((resolve) => (process.send ? process.send(message, () => resolve()) : resolve()));
}

function cpuMs(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000;
}

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
  // A refused client waits its Retry-After, as the products' gateway client does; refusals are counted apart.
  const result = await runLoad({
    concurrency: job.concurrency,
    durationMs: job.durationMs,
    warmupMs: job.warmupMs,
    request: (i) => refusalAware(() => request(client, i)),
  });
  clearTimeout(warmedUp);
  await send({ type: 'done', result, cpuMs: cpuMs(process.cpuUsage()) - cpuMs(cpuAtStart), wallMs: performance.now() - wallAtStart });
}

process.once('message', (job: LoadJob) => {
  run(job)
    .catch((error: Error) => send({ type: 'failed', message: error.stack ?? error.message }))
    .finally(() => process.disconnect?.());
});
// Asked for its job only once it listens: a message sent before that would be lost.
void send({ type: 'ready' });
