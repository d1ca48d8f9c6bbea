import { ProductMetrics } from '@matrix/product-server';
import { FakeAnalysisStore } from '../../test/fakes/fake-analysis-store';
import { SentimentMetrics } from '../observability/sentiment-metrics';
import type { ScoredText, SentimentScorer } from '../scoring/sentiment-scorer';
import { AnalysisService, MAX_BUCKETS } from './analysis.service';

const DAY = 86_400_000;

/** A scorer stand-in: "good" texts are positive, others negative. */
const scorer = {
  score: async (texts: string[]): Promise<ScoredText[]> =>
    texts.map((text) => {
      const score = text.includes('good') ? 0.8 : -0.6;
      return {
        text,
        label: score > 0 ? 'POSITIVE' : 'NEGATIVE',
        score,
        magnitude: Math.abs(score),
        positiveProbability: (score + 1) / 2,
        sentences: [],
        model: 'm',
        modelVersion: '1',
      };
    }),
} as unknown as SentimentScorer;

function setup() {
  const store = new FakeAnalysisStore();
  const metrics = new SentimentMetrics(new ProductMetrics('sentiment-api-spec', { processMetrics: false }));
  return { store, metrics, service: new AnalysisService(scorer, store, metrics) };
}

describe('AnalysisService.analyze', () => {
  it('stores a batch in one write with its source and counts each analysis by label', async () => {
    const { service, store, metrics } = setup();
    const stored = await service.analyze(['good food', 'slow service'], 'reviews', 'batch');
    expect(stored.map((a) => [a.text, a.label, a.source])).toEqual([
      ['good food', 'POSITIVE', 'reviews'],
      ['slow service', 'NEGATIVE', 'reviews'],
    ]);
    expect(store.writes).toEqual([{ texts: ['good food', 'slow service'], meta: { source: 'reviews' } }]);
    const counted = (await metrics.analyses.get()).values.map((v) => [v.labels.label, v.labels.via, v.value]);
    expect(counted).toEqual([
      ['POSITIVE', 'batch', 1],
      ['NEGATIVE', 'batch', 1],
    ]);
  });
});

describe('AnalysisService.aggregates', () => {
  it('counts by label and by UTC day, filling empty days with zeros', async () => {
    const { service, store } = setup();
    store.seed('POSITIVE', 0.8, '2026-03-01T10:15:00.000Z', 'reviews');
    store.seed('NEGATIVE', -0.6, '2026-03-01T11:45:00.000Z', 'reviews');
    store.seed('NEUTRAL', 0.1, '2026-03-03T08:00:00.000Z', 'tickets');
    const result = await service.aggregates({ from: '2026-03-01', to: '2026-03-03' }, 'day');
    expect(result).toMatchObject({ interval: 'day', total: 3, byLabel: { POSITIVE: 1, NEGATIVE: 1, NEUTRAL: 1, MIXED: 0 } });
    expect(result.meanScore).toBeCloseTo(0.1, 12);
    expect(result.series.map((p) => [p.bucket.slice(0, 10), p.total, p.meanScore === null ? null : +p.meanScore.toFixed(6)])).toEqual([
      ['2026-03-01', 2, 0.1],
      ['2026-03-02', 0, null],
      ['2026-03-03', 1, 0.1],
    ]);
  });

  it('buckets by hour from the first to the last data bucket when no range is given, and is empty without data', async () => {
    const { service, store } = setup();
    store.seed('POSITIVE', 1, '2026-03-01T10:15:00.000Z', 'reviews');
    store.seed('POSITIVE', 0.5, '2026-03-01T12:59:59.999Z', 'reviews');
    const hourly = await service.aggregates({ source: 'reviews' }, 'hour');
    expect(hourly.series.map((p) => [p.bucket, p.POSITIVE])).toEqual([
      ['2026-03-01T10:00:00.000Z', 1],
      ['2026-03-01T11:00:00.000Z', 0],
      ['2026-03-01T12:00:00.000Z', 1],
    ]);
    expect(await service.aggregates({ source: 'nobody' }, 'day')).toEqual({
      interval: 'day',
      total: 0,
      meanScore: null,
      byLabel: { POSITIVE: 0, NEGATIVE: 0, NEUTRAL: 0, MIXED: 0 },
      series: [],
    });
  });

  it('reaches today when only `from` is given, quiet days included', async () => {
    const { service } = setup();
    const since = new Date(Date.now() - 2 * DAY).toISOString().slice(0, 10);
    const recent = await service.aggregates({ from: since }, 'day');
    expect(recent.series.map((p) => p.bucket.slice(0, 10))).toEqual([0, 1, 2].map((i) => new Date(Date.parse(since) + i * DAY).toISOString().slice(0, 10)));
  });

  it('refuses a range of more than MAX_BUCKETS buckets before reading anything', async () => {
    const { service, store } = setup();
    const error = await service.aggregates({ from: '2020-01-01', to: '2026-01-01' }, 'hour').catch((e: unknown) => e);
    expect(error).toMatchObject({
      status: 422,
      code: 'too_many_buckets',
      message: expect.stringContaining(`the limit is ${MAX_BUCKETS}: narrow it with from/to or use interval=day`),
    });
    expect(store.scans).toBe(0);
  });
});

describe('AnalysisService.topAspects', () => {
  const aspect = (text: string, label: 'POSITIVE' | 'NEGATIVE' | 'NEUTRAL', score: number) => ({
    text,
    start: 0,
    end: text.length,
    context: { start: 0, end: text.length },
    label,
    score,
  });

  it('stores the aspects given with a text, makes opposed ones MIXED, and ranks praised / criticised terms over a date range', async () => {
    const { store, service } = setup();
    const [stored] = await service.analyze(['good hotel'], 'reviews', 'analyze', [[aspect('Staff', 'POSITIVE', 0.8), aspect('breakfast', 'NEGATIVE', -0.6)]]);
    expect(stored.label).toBe('MIXED');
    expect(stored.aspects?.map((a) => a.text)).toEqual(['Staff', 'breakfast']);
    await service.analyze(['good again'], 'reviews', 'analyze', [
      [aspect('staff', 'POSITIVE', 0.6), aspect('Room', 'POSITIVE', 0.9), aspect('breakfast', 'NEGATIVE', -0.2)],
    ]);
    await service.analyze(['bad'], 'reviews', 'analyze', [[aspect('room', 'NEGATIVE', -0.9), aspect('parking', 'NEUTRAL', 0)]]);
    const top = await service.topAspects({}, 10);
    // staff: 2 positive; room: 1 positive (0.9) and 1 negative; breakfast: 2 negative (mean −0.4); room −0.9 alone.
    expect(top.praised.map((a) => [a.term, a.positive])).toEqual([
      ['staff', 2],
      ['room', 1],
    ]);
    expect(top.criticised.map((a) => [a.term, a.negative])).toEqual([
      ['breakfast', 2],
      ['room', 1],
    ]);
    expect(top.praised[0]).toMatchObject({ term: 'staff', total: 2, neutral: 0, negative: 0 });
    expect(top.praised[0].meanScore).toBeCloseTo(0.7, 12);
    expect((await service.topAspects({}, 1)).criticised).toHaveLength(1);
    // A date range before everything: nothing.
    expect(await service.topAspects({ to: '2000-01-01' }, 10)).toEqual({ praised: [], criticised: [] });
    expect(store.rows).toHaveLength(3);
  });
});
