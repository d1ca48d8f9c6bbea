import { isFinishedJob, JOB_STATUSES, toJobStatus } from './job';

describe('job status', () => {
  it('reads every known status and refuses others', () => {
    expect(JOB_STATUSES.map(toJobStatus)).toEqual([...JOB_STATUSES]);
    expect(() => toJobStatus('done')).toThrow("unknown job status 'done'");
  });

  it('says which statuses are final', () => {
    expect(JOB_STATUSES.filter(isFinishedJob)).toEqual(['succeeded', 'failed', 'cancelled']);
  });
});
