import { DEFAULT_DEPENDENCY_WINDOW_MS, jobQueueEnvSchema, jobQueueSettingsFrom } from '../src';

describe('JOB_DEPENDENCY_WAIT_MINUTES', () => {
  const settings = (env: Record<string, string>) => jobQueueSettingsFrom(jobQueueEnvSchema.parse(env));

  it('sets how long jobs wait out a dependency; unset, the queue waits 10 minutes', () => {
    expect(settings({ JOB_DEPENDENCY_WAIT_MINUTES: '15' }).dependencyWaitMs).toBe(15 * 60_000);
    expect(settings({ JOB_DEPENDENCY_WAIT_MINUTES: '0.5' }).dependencyWaitMs).toBe(30_000);
    expect(settings({}).dependencyWaitMs).toBeUndefined();
    expect(DEFAULT_DEPENDENCY_WINDOW_MS).toBe(10 * 60_000);
  });

  it('refuses a window that is not a positive number of minutes', () => {
    expect(() => settings({ JOB_DEPENDENCY_WAIT_MINUTES: '0' })).toThrow('JOB_DEPENDENCY_WAIT_MINUTES must be > 0');
    expect(() => settings({ JOB_DEPENDENCY_WAIT_MINUTES: 'soon' })).toThrow();
  });
});
