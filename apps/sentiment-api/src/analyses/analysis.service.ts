import { Injectable } from '@nestjs/common';
import { ApiError } from '@matrix/product-server';
import { SentimentMetrics } from '../observability/sentiment-metrics';
import { LABELS, withAspects, type SentimentLabel } from '../scoring/label-rules';
import { SentimentScorer } from '../scoring/sentiment-scorer';
import type { AspectAggregate, AspectResult, TopAspects } from '@matrix/sentiment-contract';
import type { Analysis } from './analysis-dto';
import { timeRange, type AnalysisFilters } from './analysis-filters';
import { AnalysisStore } from './analysis-store';

export type Interval = 'day' | 'hour';

export interface SeriesPoint extends Record<SentimentLabel, number> {
  /** Start of the bucket (UTC), ISO 8601. */
  bucket: string;
  total: number;
  /** Mean document score in the bucket; null when it is empty. */
  meanScore: number | null;
}

export interface Aggregates {
  interval: Interval;
  total: number;
  meanScore: number | null;
  byLabel: Record<SentimentLabel, number>;
  series: SeriesPoint[];
}

export type { AspectAggregate, TopAspects };

/** Most buckets one aggregates answer may hold (≈ 208 days hourly, 13 years daily). */
export const MAX_BUCKETS = 5000;
const INTERVAL_MS: Record<Interval, number> = { hour: 3_600_000, day: 86_400_000 };

const zeroCounts = (): Record<SentimentLabel, number> => ({ POSITIVE: 0, NEGATIVE: 0, NEUTRAL: 0, MIXED: 0 });

/** Analyse and store (the gateway first, no transaction open while it works), and the history's aggregates. */
@Injectable()
export class AnalysisService {
  constructor(
    private readonly scorer: SentimentScorer,
    private readonly store: AnalysisStore,
    private readonly metrics: SentimentMetrics,
  ) {}

  /** `aspects[i]`, when given, are text i's scored aspects: stored with it, and part of the MIXED rule (withAspects). */
  async analyze(texts: string[], source: string | null, via: 'analyze' | 'batch', aspects?: ReadonlyArray<AspectResult[]>): Promise<Analysis[]> {
    const scored = (await this.scorer.score(texts, 'interactive')).map((result, i) =>
      aspects?.[i] ? { ...withAspects(result, aspects[i]), aspects: aspects[i] } : result,
    );
    // All or nothing: a batch is stored whole or not at all.
    const stored = await this.store.insertAll(scored, { source });
    this.metrics.countAnalyses(stored, via);
    return stored;
  }

  /**
   * Counts by label and a time series in UTC buckets, empty buckets filled with zeros from `from`
   * (else the first data bucket) to `to` (else now when `from` is given, else the last data bucket). The series is built from a scan of
   * createdAt/label/score only, so it works the same on SQLite and PostgreSQL.
   */
  async aggregates(filters: AnalysisFilters, interval: Interval): Promise<Aggregates> {
    const step = INTERVAL_MS[interval];
    const floor = (ms: number) => ms - (((ms % step) + step) % step);
    const { from, toExclusive } = timeRange(filters);
    const checkBuckets = (first: number, last: number) => {
      const count = Math.floor((last - first) / step) + 1;
      if (count > MAX_BUCKETS) {
        throw new ApiError(
          422,
          'too_many_buckets',
          `that range has ${count} ${interval} buckets; the limit is ${MAX_BUCKETS}: narrow it with from/to${interval === 'hour' ? ' or use interval=day' : ''}`,
        );
      }
    };
    // Refuse an oversized range before scanning anything.
    if (from) checkBuckets(floor(from.getTime()), floor(toExclusive ? toExclusive.getTime() - 1 : Date.now()));

    const buckets = new Map<number, { counts: Record<SentimentLabel, number>; sum: number }>();
    for await (const row of this.store.scoredRows(filters)) {
      const key = floor(row.createdAt.getTime());
      let bucket = buckets.get(key);
      if (!bucket) buckets.set(key, (bucket = { counts: zeroCounts(), sum: 0 }));
      if ((LABELS as readonly string[]).includes(row.label)) bucket.counts[row.label as SentimentLabel]++;
      bucket.sum += row.score;
    }

    const keys = [...buckets.keys()].sort((a, b) => a - b);
    const first = from ? floor(from.getTime()) : keys[0];
    // "From X" with no end means up to now (a chart of the last N days reaches today, even if quiet).
    const lastData = keys[keys.length - 1];
    const last = toExclusive ? floor(toExclusive.getTime() - 1) : from ? Math.max(floor(Date.now()), lastData ?? -Infinity) : lastData;
    const series: SeriesPoint[] = [];
    const byLabel = zeroCounts();
    let total = 0;
    let sum = 0;
    if (first !== undefined && last !== undefined) {
      checkBuckets(first, last);
      for (let key = first; key <= last; key += step) {
        const bucket = buckets.get(key);
        const counts = bucket?.counts ?? zeroCounts();
        const n = counts.POSITIVE + counts.NEGATIVE + counts.NEUTRAL + counts.MIXED;
        series.push({ bucket: new Date(key).toISOString(), ...counts, total: n, meanScore: n ? (bucket as { sum: number }).sum / n : null });
        for (const label of LABELS) byLabel[label] += counts[label];
        total += n;
        sum += bucket?.sum ?? 0;
      }
    }
    return { interval, total, meanScore: total ? sum / total : null, byLabel, series };
  }

  /** The top praised and criticised aspect terms over stored aspects (analyses made with targets), with the filters' time range and source. */
  async topAspects(filters: Pick<AnalysisFilters, 'from' | 'to' | 'source'>, limit: number): Promise<TopAspects> {
    const byTerm = new Map<string, AspectAggregate & { sum: number }>();
    for (const c of await this.store.aspectCounts(filters)) {
      const a = byTerm.get(c.term) ?? { term: c.term, positive: 0, negative: 0, neutral: 0, total: 0, meanScore: 0, sum: 0 };
      if (c.label === 'POSITIVE') a.positive += c.count;
      else if (c.label === 'NEGATIVE') a.negative += c.count;
      else a.neutral += c.count;
      a.total += c.count;
      a.sum += c.meanScore * c.count;
      byTerm.set(c.term, a);
    }
    const all = [...byTerm.values()].map(({ sum, ...a }) => ({ ...a, meanScore: a.total ? sum / a.total : 0 }));
    return {
      praised: all
        .filter((a) => a.positive > 0)
        .sort((a, b) => b.positive - a.positive || b.meanScore - a.meanScore || a.term.localeCompare(b.term))
        .slice(0, limit),
      criticised: all
        .filter((a) => a.negative > 0)
        .sort((a, b) => b.negative - a.negative || a.meanScore - b.meanScore || a.term.localeCompare(b.term))
        .slice(0, limit),
    };
  }
}
