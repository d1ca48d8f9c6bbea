/** Batches a gateway ran for one model: counters from its Prometheus /metrics, compared before and after a run. */
export interface BatchCounters {
  batches: number;
  items: number;
  execSeconds: number;
}

function metric(text: string, name: string, model: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{model="${model}"}`));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}

export async function batchCounters(baseUrl: string, model: string): Promise<BatchCounters> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  return {
    batches: metric(text, 'gateway_batch_size_count', model),
    items: metric(text, 'gateway_batch_size_sum', model),
    execSeconds: metric(text, 'gateway_batch_duration_seconds_sum', model),
  };
}

/** Mean batch size, and the share of the run's wall time × instances the model spent running batches. */
export function batchStats(before: BatchCounters, after: BatchCounters, wallMs: number, instances: number): { meanBatch: number; modelBusy: number } {
  const batches = after.batches - before.batches;
  return {
    meanBatch: batches > 0 ? (after.items - before.items) / batches : 0,
    modelBusy: ((after.execSeconds - before.execSeconds) * 1000) / (wallMs * instances),
  };
}
