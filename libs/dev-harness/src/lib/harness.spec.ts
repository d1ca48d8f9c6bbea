import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { parse } from 'yaml';
import { freePort } from './free-port';
import { latencyStats, percentile } from './latency-stats';
import { Refusal, runLoad } from './load-generator';
import { startProcess } from './managed-process';
import { imageModelsManifest, offlineManifestWith } from './offline-manifest';
import { waitFor } from './wait-for';

describe('latency stats', () => {
  it('uses nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1); // 1..100
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile(values, 99)).toBe(99);
    expect(latencyStats([3, 1, 2])).toMatchObject({ count: 3, meanMs: 2, p50Ms: 2, maxMs: 3 });
  });
});

describe('runLoad', () => {
  it('runs closed-loop clients for the duration and counts errors apart', async () => {
    let calls = 0;
    const result = await runLoad({
      concurrency: 4,
      durationMs: 100,
      request: async (i) => {
        calls++;
        await new Promise((resolve) => setTimeout(resolve, 5));
        if (i % 10 === 9) throw new Error('boom');
      },
    });
    expect(result.requests + result.errors).toBe(calls);
    expect(result.errors).toBeGreaterThan(0);
    expect(result.firstError).toBe('boom');
    expect(result.requestsPerSecond).toBeGreaterThan(100); // 4 clients × ~1 per 5-6 ms
  });

  it('times refusals apart and pauses a refused client as long as it was told', async () => {
    const sentAt: number[] = [];
    const result = await runLoad({
      concurrency: 1,
      durationMs: 150,
      request: async (): Promise<Refusal | undefined> => {
        sentAt.push(performance.now());
        // Every other request is refused at once with a 40 ms pause; the others take 5 ms.
        if (sentAt.length % 2 === 1) return { refused: true, pauseMs: 40 };
        await new Promise((resolve) => setTimeout(resolve, 5));
        return undefined;
      },
    });
    expect(result.refusals.count).toBeGreaterThan(0);
    expect(result.refusals.p95Ms).toBeLessThan(5);
    expect(result.p50Ms).toBeGreaterThanOrEqual(4);
    expect(result.refusedShare).toBeCloseTo(result.refusals.count / (result.refusals.count + result.requests), 6);
    // After a refusal the client waited its 40 ms before asking again.
    expect(sentAt[1] - sentAt[0]).toBeGreaterThanOrEqual(38);
    expect(result.refusals.count).toBeLessThanOrEqual(4); // 150 ms / (40 + 5 ms) per pair
  });

  it('counts nothing sent during the warm-up, and keeps the clients going through it', async () => {
    const sentAt: number[] = [];
    const started = performance.now();
    const result = await runLoad({
      concurrency: 1,
      warmupMs: 60,
      durationMs: 60,
      request: async () => {
        sentAt.push(performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 10));
      },
    });
    const warmup = sentAt.filter((t) => t < 60).length;
    expect(warmup).toBeGreaterThan(0);
    // (One request sent just at the boundary may fall either side of it.)
    expect(result.requests).toBeGreaterThanOrEqual(sentAt.length - warmup - 1);
    expect(result.requests).toBeLessThanOrEqual(sentAt.length - warmup);
    expect(Math.max(...sentAt.slice(1).map((t, i) => t - sentAt[i]))).toBeLessThan(40); // no break between warm-up and measurement
  });
});

describe('startProcess', () => {
  it('waits for the readiness URL, then stops the process', async () => {
    const port = await freePort();
    const script = `require('http').createServer((q, s) => s.end('ok')).listen(${port}, '127.0.0.1')`;
    const child = await startProcess({ name: 'tiny', command: process.execPath, args: ['-e', script], readyUrl: `http://127.0.0.1:${port}/` });
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe('ok');
    await child.stop();
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
  });

  it('kills a process at once (SIGKILL, a crash: no SIGTERM handler runs), and a restart on the same port answers again', async () => {
    const port = await freePort();
    // The SIGTERM handler would keep the process alive: only SIGKILL ends it at once.
    const script = `process.on('SIGTERM', () => {}); require('http').createServer((q, s) => s.end('ok')).listen(${port}, '127.0.0.1')`;
    const options = { name: 'crashy', command: process.execPath, args: ['-e', script], readyUrl: `http://127.0.0.1:${port}/` };
    const first = await startProcess(options);
    expect(first.ended()).toBeUndefined();
    const started = performance.now();
    await first.kill();
    expect(performance.now() - started).toBeLessThan(5000);
    expect(first.ended()?.how).toBe('signal SIGKILL');
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
    const again = await startProcess(options);
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe('ok');
    await again.kill();
  });

  it('tells how a process that was ready ended, with the end of its output', async () => {
    const port = await freePort();
    const script = `const s = require('http').createServer((q, r) => { r.end('bye'); console.error('asked to leave'); setTimeout(() => process.exit(4), 10); }).listen(${port}, '127.0.0.1')`;
    const child = await startProcess({ name: 'leaving', command: process.execPath, args: ['-e', script], readyUrl: `http://127.0.0.1:${port}/` });
    await waitFor('the process to end', async () => child.ended(), 5000);
    expect(child.ended()).toEqual({ how: 'code 4', output: expect.stringContaining('asked to leave') });
  });

  it('reports a process that dies before it is ready, with its output', async () => {
    await expect(
      startProcess({ name: 'broken', command: process.execPath, args: ['-e', 'console.error("no config"); process.exit(3)'], readyUrl: 'http://127.0.0.1:9/' }),
    ).rejects.toThrow(/broken exited with code 3 before it was ready:\nno config/);
  });

  it('finds a port that is free', async () => {
    const port = await freePort();
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    server.close();
  });
});

describe('offlineManifestWith', () => {
  it('keeps only the models asked for, and fails when none is left', () => {
    const manifest = parse(readFileSync(imageModelsManifest(), 'utf8')) as { models: Array<{ id: string; task: string }> };
    expect(manifest.models.length).toBeGreaterThan(0);
    expect(manifest.models.every((m) => m.task.startsWith('image-') || m.task === 'object-detection' || m.task === 'zero-shot-image-classification')).toBe(
      true,
    );
    expect(manifest.models.map((m) => m.id)).toContain('mobilenetv2-int8');
    expect(() => offlineManifestWith(() => false, 'a unicorn')).toThrow(/no longer lists a unicorn/);
  });
});
