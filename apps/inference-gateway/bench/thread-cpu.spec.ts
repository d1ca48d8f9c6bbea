import { addThreadCpu, threadCpuDelta, threadCpuMs, threadRows } from './thread-cpu';

const onLinux = process.platform === 'linux';

describe('thread CPU', () => {
  (onLinux ? it : it.skip)('finds the CPU a spin costs on the thread that spun (the main thread here)', () => {
    const before = threadCpuMs(process.pid);
    expect(before?.get(process.pid)).toEqual({ name: expect.any(String), ms: expect.any(Number) });
    // 200 ms of CPU by getrusage (not wall time: a busy CI machine may preempt the spin), nearly all on this thread.
    const spinFrom = process.cpuUsage();
    while (process.cpuUsage(spinFrom).user < 200_000);
    const delta = threadCpuDelta(before as NonNullable<typeof before>, threadCpuMs(process.pid) as NonNullable<typeof before>);
    // /proc counts in clock ticks (10 ms); V8's helper threads may take a little of the 200 ms.
    expect(delta.get(process.pid)?.ms).toBeGreaterThanOrEqual(150);
    const rows = threadRows(delta, process.pid, 1, 50);
    expect(rows.find((r) => r.thread === 'main thread')?.msPerRequest).toBeGreaterThanOrEqual(150);
    expect(rows.reduce((sum, r) => sum + r.share, 0)).toBeCloseTo(1);
  });

  it('gives no snapshot for a process that is not there', () => {
    expect(threadCpuMs(2 ** 30)).toBeUndefined();
  });

  it('groups libvips workers, names the main thread, folds the rest into one row, per request', () => {
    const threads = new Map([
      [10, { name: 'node', ms: 100 }],
      [11, { name: 'libvips worker', ms: 300 }],
      [12, { name: 'libvips worker', ms: 100 }],
      [13, { name: 'node', ms: 500 }],
      [14, { name: 'node', ms: 40 }],
      [15, { name: 'node', ms: 60 }],
    ]);
    // 1,100 ms in all over 100 requests; the two smallest "node" threads fold into one row.
    const rows = threadRows(threads, 10, 100, 3);
    expect(rows.map((r) => [r.thread, r.msPerRequest])).toEqual([
      ['node 13', 5],
      ['libvips workers', 4],
      ['main thread', 1],
      ['2 other threads', 1],
    ]);
    expect(rows.map((r) => r.share)).toEqual([500 / 1100, 400 / 1100, 100 / 1100, 100 / 1100]);
  });

  it('counts a thread that started between two snapshots from zero, and adds periods thread by thread', () => {
    const before = new Map([[1, { name: 'node', ms: 50 }]]);
    const after = new Map([
      [1, { name: 'node', ms: 80 }],
      [2, { name: 'node', ms: 20 }],
    ]);
    const delta = threadCpuDelta(before, after);
    expect(delta).toEqual(
      new Map([
        [1, { name: 'node', ms: 30 }],
        [2, { name: 'node', ms: 20 }],
      ]),
    );
    expect(addThreadCpu(delta, new Map([[2, { name: 'node', ms: 5 }]]))).toEqual(
      new Map([
        [1, { name: 'node', ms: 30 }],
        [2, { name: 'node', ms: 25 }],
      ]),
    );
  });
});
