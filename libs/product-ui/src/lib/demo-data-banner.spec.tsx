import { demoDataStatus, type DemoDataJob } from './demo-data-banner';

const job = (fields: Partial<DemoDataJob>): DemoDataJob => ({
  id: 'recommender-demo-data',
  kind: 'demo-data',
  status: 'queued',
  progress: 0,
  total: null,
  done: 0,
  error: null,
  waiting: null,
  retryable: false,
  result: null,
  createdAt: '2026-12-03T12:00:00Z',
  startedAt: null,
  finishedAt: null,
  ...fields,
});

describe('demoDataStatus', () => {
  it('says what the first-run job is doing, and nothing when there is no job or it failed', () => {
    expect(demoDataStatus(undefined)).toBeNull();
    expect(demoDataStatus(job({ status: 'queued' }))).toEqual({ active: true, label: 'Loading the demo data: queued' });
    expect(demoDataStatus(job({ status: 'running', stage: 'importing ratings', detail: '5000 of 100000' }))).toEqual({
      active: true,
      label: 'Loading the demo data: importing ratings (5000 of 100000)',
    });
    expect(demoDataStatus(job({ status: 'succeeded', progress: 1 }))).toEqual({ active: false, label: 'Demo data loaded' });
    expect(demoDataStatus(job({ status: 'failed', error: 'no data set' }))).toBeNull();
  });
});
