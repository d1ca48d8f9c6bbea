import type { CheckResult } from '../health/readiness';
import { ModelServingWatch } from './model-serving-watch';

type Status = CheckResult & { version?: string };

function watchWith(answers: Array<Status | Error>, recheckEveryMs = 20) {
  const lines: string[] = [];
  let calls = 0;
  const watch = new ModelServingWatch<Status>({
    what: 'demo model',
    initial: { ok: false, reason: 'not checked yet' },
    notServed: (reason) => ({ ok: false, reason }),
    describeServed: (s) => `serves version ${s.version}`,
    logger: { log: (m) => lines.push(`log ${m}`), warn: (m) => lines.push(`warn ${m}`) },
    recheckEveryMs,
    recheckOnProbeAfterMs: 0,
    check: async () => {
      const answer = answers[Math.min(calls++, answers.length - 1)];
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (answer instanceof Error) throw answer;
      return answer;
    },
  });
  return { watch, lines, calls: () => calls };
}

describe('ModelServingWatch', () => {
  it('shares one check between concurrent callers', async () => {
    const { watch, calls } = watchWith([{ ok: true, version: '1' }]);
    const [a, b] = await Promise.all([watch.ensureServed(), watch.ensureServed()]);
    expect(a).toBe(b);
    expect(calls()).toBe(1);
    watch.stop();
  });

  it('re-checks while not served, and logs each change once', async () => {
    const { watch, lines } = watchWith([new Error('gateway down'), { ok: false, reason: 'loading' }, { ok: true, version: '7' }]);
    await watch.ensureServed();
    expect(watch.current()).toEqual({ ok: false, reason: 'gateway down' });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(watch.current()).toEqual({ ok: true, version: '7' });
    expect(lines).toEqual(['warn demo model not served: gateway down', 'warn demo model not served: loading', 'log serves version 7']);
    watch.stop();
  });

  it('markNotServed turns a served status not ok and checks again', async () => {
    const { watch, calls } = watchWith([{ ok: true, version: '1' }], 10_000);
    await watch.ensureServed();
    watch.markNotServed('model_not_found');
    expect(watch.current()).toEqual({ ok: false, reason: 'model_not_found' });
    // The check markNotServed started is the one a caller now shares.
    await watch.ensureServed();
    expect(calls()).toBe(2);
    expect(watch.current().ok).toBe(true);
    watch.stop();
  });
});
