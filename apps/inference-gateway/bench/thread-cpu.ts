import { readdirSync, readFileSync } from 'node:fs';
import { statFileCpuMs } from './process-placement';

/** One thread's name (Linux's comm: "node", "libvips worker"…) and CPU time. */
export interface ThreadCpu {
  name: string;
  ms: number;
}

/** CPU time by thread id of a process so far; undefined where /proc is not available. */
export function threadCpuMs(pid: number): Map<number, ThreadCpu> | undefined {
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return undefined;
  }
  const threads = new Map<number, ThreadCpu>();
  for (const tid of tids) {
    const ms = statFileCpuMs(`/proc/${pid}/task/${tid}/stat`);
    // A thread that ended between the listing and the read is left out.
    if (ms === undefined) continue;
    const name = readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim();
    threads.set(Number(tid), { name, ms });
  }
  return threads;
}

/** What each thread spent between two snapshots (a thread started meanwhile counts from zero). */
export function threadCpuDelta(before: Map<number, ThreadCpu>, after: Map<number, ThreadCpu>): Map<number, ThreadCpu> {
  return new Map([...after].map(([tid, t]) => [tid, { name: t.name, ms: t.ms - (before.get(tid)?.ms ?? 0) }]));
}

/** Two periods' thread times added up, thread by thread. */
export function addThreadCpu(a: Map<number, ThreadCpu>, b: Map<number, ThreadCpu>): Map<number, ThreadCpu> {
  const sum = new Map(a);
  for (const [tid, t] of b) sum.set(tid, { name: t.name, ms: (sum.get(tid)?.ms ?? 0) + t.ms });
  return sum;
}

/** Periods of one process added up (thread ids match); undefined when any period could not be measured, or none was. */
export function sumThreadCpu(periods: Array<Map<number, ThreadCpu> | undefined>): Map<number, ThreadCpu> | undefined {
  if (!periods.length || !periods.every((p): p is Map<number, ThreadCpu> => p !== undefined)) return undefined;
  return periods.reduce(addThreadCpu);
}

/** A row of the bench's --threads table: a thread (or libvips' workers together) and its CPU per request. */
export interface ThreadRow {
  thread: string;
  msPerRequest: number;
  share: number;
}

/**
 * The busiest threads of a gateway over a measured period, per request: its main thread (HTTP, JSON, batching,
 * decoding's JS side) by name, libvips' decoder threads together, the rest by name and id (model worker threads,
 * ONNX Runtime's and libuv's pools, V8's GC helpers all show as "node"), then everything else as one row.
 */
export function threadRows(threads: Map<number, ThreadCpu>, pid: number, requests: number, top = 8): ThreadRow[] {
  const groups = new Map<string, number>();
  for (const [tid, t] of threads) {
    const key = tid === pid ? 'main thread' : t.name.startsWith('libvips') ? 'libvips workers' : `${t.name} ${tid}`;
    groups.set(key, (groups.get(key) ?? 0) + t.ms);
  }
  const total = [...groups.values()].reduce((a, b) => a + b, 0);
  const sorted = [...groups].sort((a, b) => b[1] - a[1]);
  const shown = sorted.slice(0, top);
  const rest = sorted.slice(top).reduce((sum, [, ms]) => sum + ms, 0);
  if (rest > 0) shown.push([`${sorted.length - top} other threads`, rest]);
  const perRequest = Math.max(1, requests);
  return shown.map(([thread, ms]) => ({ thread, msPerRequest: ms / perRequest, share: total ? ms / total : 0 }));
}
