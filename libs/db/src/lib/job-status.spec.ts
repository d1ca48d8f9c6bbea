import { JOB_STATUSES, isJobStatus, withJobStatus } from './job-status';

describe('job status', () => {
  it('lists the five states in lifecycle order', () => {
    expect(JOB_STATUSES).toEqual(['queued', 'running', 'succeeded', 'failed', 'cancelled']);
  });

  it('recognises only those strings', () => {
    expect(isJobStatus('running')).toBe(true);
    expect(isJobStatus('done')).toBe(false);
    expect(isJobStatus(undefined)).toBe(false);
  });

  it('narrows a row or throws on an unknown status', () => {
    const base = {
      id: 'j1',
      product: 'p',
      kind: 'k',
      progress: 0,
      total: null,
      done: 0,
      params: '{}',
      result: null,
      error: null,
      createdAt: new Date(0),
      updatedAt: new Date(0),
      startedAt: null,
      finishedAt: null,
      waiting: null,
      idempotencyKey: null,
    };
    expect(withJobStatus({ ...base, status: 'failed' }).status).toBe('failed');
    expect(() => withJobStatus({ ...base, status: 'paused' })).toThrow('Job j1 has unknown status "paused".');
  });
});
