import { ReadinessRegistry } from './readiness';

describe('ReadinessRegistry', () => {
  it('is ready only when every check is ok, and keeps each reason', async () => {
    const registry = new ReadinessRegistry();
    registry.register('database', () => ({ ok: true }));
    registry.register('model', async () => ({ ok: false, reason: 'no trained artifact' }));
    const report = await registry.report();
    expect(report.ready).toBe(false);
    expect(report.checks.database).toMatchObject({ ok: true });
    expect(report.checks.model).toMatchObject({ ok: false, reason: 'no trained artifact' });
    registry.register('model', () => ({ ok: true }));
    expect((await registry.report()).ready).toBe(true);
  });

  it('turns a throwing check and a hanging check into not-ok with the reason', async () => {
    const registry = new ReadinessRegistry();
    registry.register('boom', () => {
      throw new Error('connection refused');
    });
    registry.register('slow', () => new Promise(() => undefined));
    const started = Date.now();
    const report = await registry.report(50);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(report.checks.boom).toMatchObject({ ok: false, reason: 'connection refused' });
    expect(report.checks.slow).toMatchObject({ ok: false, reason: 'no answer within 50 ms' });
  });

  it('reports not ready while shutting down, whatever the checks say', async () => {
    const registry = new ReadinessRegistry();
    registry.register('database', () => ({ ok: true }));
    registry.beforeApplicationShutdown();
    const report = await registry.report();
    expect(report).toMatchObject({ ready: false, checks: { shutdown: { ok: false, reason: 'shutting down' } } });
  });
});
