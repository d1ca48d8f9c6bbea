import type { ModelVersionView } from './api-types';
import { metricRows, ratingText, secondsRows, versionLabel } from './model-charts';

const version = (id: string, metrics: ModelVersionView['metrics']): ModelVersionView => ({
  version: id,
  ranker: 'ease',
  active: false,
  jobId: null,
  counts: {},
  metrics,
  params: {},
  createdAt: '',
});

describe('model dashboard data', () => {
  const versions = [
    version('2026-11-26T10-05-00-000Z', { 'ndcg@10': 0.48123, rmse: 0.91, seconds: { ease: 5.2, 'biased-mf': 6 } }),
    version('2026-11-26T09-52-49-003Z', { 'ndcg@10': 0.4, seconds: { ease: 4 } }),
  ];

  it('labels versions by date and time', () => {
    expect(versionLabel('2026-11-26T09-52-49-003Z')).toBe('11-26 09:52:49');
    expect(versionLabel('custom')).toBe('custom');
  });

  it('lays metric rows out oldest first, with null where a version has no such metric', () => {
    expect(metricRows(versions)).toEqual([
      { version: '11-26 09:52:49', ndcg: 0.4, precision: null, recall: null, map: null, rmse: null },
      { version: '11-26 10:05:00', ndcg: 0.4812, precision: null, recall: null, map: null, rmse: 0.91 },
    ]);
  });

  it('stacks training seconds by model, 0 where a model was not trained', () => {
    expect(secondsRows(versions)).toEqual({
      models: ['biased-mf', 'ease'],
      rows: [
        { version: '11-26 09:52:49', 'biased-mf': 0, ease: 4 },
        { version: '11-26 10:05:00', 'biased-mf': 6, ease: 5.2 },
      ],
    });
  });

  it('writes predicted ratings with one decimal', () => {
    expect(ratingText(4.26)).toBe('★ 4.3');
    expect(ratingText(undefined)).toBe('');
  });
});
