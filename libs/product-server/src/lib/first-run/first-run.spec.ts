import { demoDataCheck, demoDataEnabled } from './demo-data';
import { MonotoneProgress } from './monotone-progress';
import { backoffDelay, retryWithBackoff } from './retry-with-backoff';

describe('demoDataEnabled', () => {
  it('is on for the embedded default, off on PostgreSQL and under tests, and the variables win', () => {
    const npmStart = {}; // the process environment of `npm start`: not under Jest
    expect(demoDataEnabled({}, 'X_DEMO_DATA', npmStart)).toBe(true);
    expect(demoDataEnabled({ DATABASE_URL: 'file:/tmp/x.db' }, 'X_DEMO_DATA', npmStart)).toBe(true);
    expect(demoDataEnabled({ DATABASE_URL: 'postgresql://h/db' }, 'X_DEMO_DATA', npmStart)).toBe(false);
    expect(demoDataEnabled({ NODE_ENV: 'test' }, 'X_DEMO_DATA', npmStart)).toBe(false);
    expect(demoDataEnabled({ X_DEMO_DATA: '0' }, 'X_DEMO_DATA', npmStart)).toBe(false);
    expect(demoDataEnabled({ X_DEMO_DATA: 'yes', NODE_ENV: 'test' }, 'X_DEMO_DATA', npmStart)).toBe(true);
    expect(demoDataEnabled({ MATRIX_DEMO_DATA: 'off' }, 'X_DEMO_DATA', npmStart)).toBe(false);
    expect(demoDataEnabled({ MATRIX_DEMO_DATA: 'off', X_DEMO_DATA: '1' }, 'X_DEMO_DATA', npmStart)).toBe(true);
    // A test hands the API its own env object (no NODE_ENV in it), but this process runs under Jest: off.
    expect(demoDataEnabled({ DATABASE_URL: 'file:/tmp/x.db' }, 'X_DEMO_DATA')).toBe(false);
  });
});

describe('demoDataCheck (readiness)', () => {
  it('is not ready while the job is queued or running, ready once it finished or when there was nothing to load', () => {
    expect(demoDataCheck(null, false)).toMatchObject({ ok: false });
    expect(demoDataCheck(null, true)).toMatchObject({ ok: true });
    expect(demoDataCheck({ status: 'queued', progress: 0, error: null }, false)).toMatchObject({ ok: false, reason: 'loading the demo data: queued' });
    expect(demoDataCheck({ status: 'running', progress: 0.374, error: null }, false)).toMatchObject({ ok: false, reason: 'loading the demo data: 37 %' });
    expect(demoDataCheck({ status: 'succeeded', progress: 1, error: null }, false)).toMatchObject({ ok: true });
    expect(demoDataCheck({ status: 'failed', progress: 0.2, error: 'no data set' }, false)).toMatchObject({
      ok: true,
      detail: expect.stringContaining('no data set'),
    });
  });
});

describe('MonotoneProgress', () => {
  it('maps stages onto one bar and never goes back', () => {
    const written: number[] = [];
    const progress = new MonotoneProgress((f) => written.push(f));
    const importing = progress.stage(0, 0.4);
    const training = progress.stage(0.4, 1);
    importing(0.5);
    importing(1);
    training(0.1);
    progress.report(0.06); // a late report of an earlier stage
    training(0); // a sub-stage restarting at 0
    training(1);
    expect(written).toEqual([0.2, 0.4, 0.46, 1]);
    expect(written.every((f, i) => i === 0 || f >= written[i - 1])).toBe(true);
  });
});

describe('retryWithBackoff', () => {
  it('doubles the wait up to the cap', () => {
    expect([0, 1, 2, 3, 10].map((a) => backoffDelay(a, 100, 500))).toEqual([100, 200, 400, 500, 500]);
  });

  it('tries again until the dependency answers, then returns its result', async () => {
    let calls = 0;
    const waits: number[] = [];
    const result = await retryWithBackoff(
      async () => {
        calls++;
        if (calls < 4) throw new Error('connect ECONNREFUSED');
        return 'seeded';
      },
      { initialMs: 1, maxMs: 4, onRetry: (_e, delay) => waits.push(delay) },
    );
    expect(result).toBe('seeded');
    expect(waits).toEqual([1, 2, 4]);
  });

  it('gives up on a failure that is not retryable, on abort, and after the window', async () => {
    await expect(retryWithBackoff(() => Promise.reject(new Error('bad input')), { retryable: () => false })).rejects.toThrow('bad input');
    const abort = new AbortController();
    const aborted = retryWithBackoff(() => Promise.reject(new Error('down')), { initialMs: 60_000, signal: abort.signal });
    setTimeout(() => abort.abort(), 10);
    await expect(aborted).rejects.toThrow('down');
    await expect(retryWithBackoff(() => Promise.reject(new Error('still down')), { initialMs: 5, giveUpAfterMs: 20 })).rejects.toThrow('still down');
  });
});
