import { Inject, Injectable } from '@nestjs/common';
import type { DbClient, DbTransaction, Prisma } from '@matrix/db';
import { ApiError, DB_PROVIDER, InjectDb, toSkipTake, type PageRequest } from '@matrix/product-server';
import { LABELS, type SentimentLabel } from '../scoring/label-rules';
import type { ScoredText } from '../scoring/sentiment-scorer';
import { type AnalysisRow, toAnalysis, type Analysis } from './analysis-dto';
import { analysisWhere, timeRange, type AnalysisFilters } from './analysis-filters';
import { timeOrderedId } from './time-ordered-id';

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

export interface StoreMeta {
  source: string | null;
  jobId?: string;
  /** CSV data row of each text (with jobId). */
  rowNumbers?: number[];
}

/** Most buckets one aggregates answer may hold (≈ 208 days hourly, 13 years daily). */
export const MAX_BUCKETS = 5000;
const INTERVAL_MS: Record<Interval, number> = { hour: 3_600_000, day: 86_400_000 };
const SCAN_BATCH = 2000;
const NEWEST_FIRST: Prisma.SentimentAnalysisOrderByWithRelationInput[] = [{ createdAt: 'desc' }, { id: 'desc' }];

const zeroCounts = (): Record<SentimentLabel, number> => ({ POSITIVE: 0, NEGATIVE: 0, NEUTRAL: 0, MIXED: 0 });

/** Stored analyses: writes (inside the caller's transaction), filtered pages, scans, aggregates. */
@Injectable()
export class AnalysisStore {
  constructor(
    @InjectDb() private readonly db: DbClient,
    @Inject(DB_PROVIDER) private readonly provider: 'sqlite' | 'postgresql',
  ) {}

  /** Writes scored texts with `tx` (the caller's transaction, or the client for a single row) and returns them as the API shows them. */
  async insert(tx: DbTransaction | DbClient, scored: ScoredText[], meta: StoreMeta): Promise<Analysis[]> {
    const createdAt = new Date();
    const rows: AnalysisRow[] = scored.map((s, i) => ({
      id: timeOrderedId(createdAt.getTime()),
      text: s.text,
      label: s.label,
      score: s.score,
      magnitude: s.magnitude,
      positiveProbability: s.positiveProbability,
      sentences: JSON.stringify(s.sentences),
      sentenceCount: s.sentences.length,
      source: meta.source,
      jobId: meta.jobId ?? null,
      rowNumber: meta.rowNumbers?.[i] ?? null,
      model: s.model,
      modelVersion: s.modelVersion,
      createdAt,
    }));
    await tx.sentimentAnalysis.createMany({ data: rows });
    return rows.map(toAnalysis);
  }

  async get(id: string): Promise<Analysis> {
    const row = await this.db.sentimentAnalysis.findUnique({ where: { id } });
    if (!row) throw new ApiError(404, 'not_found', `analysis '${id}' does not exist`);
    return toAnalysis(row);
  }

  async delete(id: string): Promise<void> {
    const { count } = await this.db.sentimentAnalysis.deleteMany({ where: { id } });
    if (count === 0) throw new ApiError(404, 'not_found', `analysis '${id}' does not exist`);
  }

  /** One page, newest first, with the total over all pages. */
  async page(filters: AnalysisFilters, page: PageRequest): Promise<{ items: Analysis[]; total: number }> {
    const where = analysisWhere(filters, this.provider);
    const [rows, total] = await Promise.all([
      this.db.sentimentAnalysis.findMany({ where, orderBy: NEWEST_FIRST, ...toSkipTake(page) }),
      this.db.sentimentAnalysis.count({ where }),
    ]);
    return { items: rows.map(toAnalysis), total };
  }

  /** Every match, newest first, read in batches (an export of any size in constant memory). */
  async *scan(filters: AnalysisFilters): AsyncGenerator<Analysis> {
    const where = analysisWhere(filters, this.provider);
    let cursor: string | undefined;
    for (;;) {
      const rows = await this.db.sentimentAnalysis.findMany({
        where,
        orderBy: NEWEST_FIRST,
        take: SCAN_BATCH,
        ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      });
      for (const row of rows) yield toAnalysis(row);
      if (rows.length < SCAN_BATCH) return;
      cursor = rows[rows.length - 1].id;
    }
  }

  /** The rows of an upload job, by row number (results download). */
  async *jobRows(jobId: string): AsyncGenerator<Analysis> {
    let after = 0;
    for (;;) {
      const rows = await this.db.sentimentAnalysis.findMany({ where: { jobId, rowNumber: { gt: after } }, orderBy: { rowNumber: 'asc' }, take: SCAN_BATCH });
      for (const row of rows) yield toAnalysis(row);
      if (rows.length < SCAN_BATCH) return;
      after = rows[rows.length - 1].rowNumber ?? after;
    }
  }

  /** Row numbers of a job already stored (a resumed job skips them). */
  async storedRowNumbers(jobId: string): Promise<Set<number>> {
    const rows = await this.db.sentimentAnalysis.findMany({ where: { jobId }, select: { rowNumber: true } });
    return new Set(rows.map((row) => row.rowNumber).filter((n): n is number => n !== null));
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
        throw new ApiError(422, 'too_many_buckets', `that range has ${count} ${interval} buckets; the limit is ${MAX_BUCKETS}: narrow it with from/to${interval === 'hour' ? ' or use interval=day' : ''}`);
      }
    };
    // Refuse an oversized range before scanning anything.
    if (from) checkBuckets(floor(from.getTime()), floor(toExclusive ? toExclusive.getTime() - 1 : Date.now()));

    const where = analysisWhere(filters, this.provider);
    const buckets = new Map<number, { counts: Record<SentimentLabel, number>; sum: number }>();
    let cursor: string | undefined;
    for (;;) {
      const rows = await this.db.sentimentAnalysis.findMany({
        where,
        select: { id: true, createdAt: true, label: true, score: true },
        orderBy: { id: 'asc' },
        take: SCAN_BATCH,
        ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      });
      for (const row of rows) {
        const key = floor(row.createdAt.getTime());
        let bucket = buckets.get(key);
        if (!bucket) buckets.set(key, (bucket = { counts: zeroCounts(), sum: 0 }));
        if ((LABELS as readonly string[]).includes(row.label)) bucket.counts[row.label as SentimentLabel]++;
        bucket.sum += row.score;
      }
      if (rows.length < SCAN_BATCH) break;
      cursor = rows[rows.length - 1].id;
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
}
