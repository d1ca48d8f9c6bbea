import { Inject, Injectable, Optional } from '@nestjs/common';
import { redactPii } from '@matrix/privacy';
import { withTransaction, type DbClient, type DbTransaction, type Prisma } from '@matrix/db';
import { ApiError, DB_PROVIDER, InjectDb, PiiRedactor, toSkipTake, type PageRequest } from '@matrix/product-server';
import { redactScored } from '../privacy/redact-scored';
import type { ScoredText } from '../scoring/sentiment-scorer';
import { type AnalysisRow, toAnalysis, type Analysis } from './analysis-dto';
import type { AspectResult } from '@matrix/sentiment-contract';
import { analysisWhere, timeRange, type AnalysisFilters } from './analysis-filters';
import { insertAnalysisRows } from './analysis-rows-insert';
import { InsertCoalescer } from './insert-coalescer';
import { timeOrderedId } from './time-ordered-id';

export interface StoreMeta {
  source: string | null;
  jobId?: string;
  /** CSV data row of each text (with jobId). */
  rowNumbers?: number[];
}

/** What an aggregate reads of each analysis. */
export interface ScoredRow {
  createdAt: Date;
  label: string;
  score: number;
}

const SCAN_BATCH = 2000;
/** Analysis ids per `IN (…)` when reading their aspects (under SQLite's bound-parameter limit). */
const ASPECT_LOOKUP_SLICE = 500;
const NEWEST_FIRST: Prisma.SentimentAnalysisOrderByWithRelationInput[] = [{ createdAt: 'desc' }, { id: 'desc' }];

/**
 * Stored analyses: writes, filtered pages and scans. The services take this abstract class (the
 * Nest token), so their unit specs run on an in-memory fake; PrismaAnalysisStore is the real one.
 */
export abstract class AnalysisStore {
  /** Writes scored texts with `tx` (the caller's transaction, or the client for a single row) and returns them as the API shows them. */
  abstract insert(tx: DbTransaction | DbClient, scored: ScoredText[], meta: StoreMeta): Promise<Analysis[]>;
  /** Writes scored texts all or nothing (one transaction for a batch). */
  abstract insertAll(scored: ScoredText[], meta: StoreMeta): Promise<Analysis[]>;
  /** One analysis, with its stored aspects when it has any. */
  abstract get(id: string): Promise<Analysis>;
  abstract delete(id: string): Promise<void>;
  /** One page, newest first, with the total over all pages. */
  abstract page(filters: AnalysisFilters, page: PageRequest): Promise<{ items: Analysis[]; total: number }>;
  /** Every match, newest first, read in batches (an export of any size in constant memory). */
  abstract scan(filters: AnalysisFilters): AsyncGenerator<Analysis>;
  /** Time, label and score of every match, in batches (what aggregates read). */
  abstract scoredRows(filters: AnalysisFilters): AsyncGenerator<ScoredRow>;
  /** The rows of an upload job, by row number (results download). */
  abstract jobRows(jobId: string): AsyncGenerator<Analysis>;
  /** Row numbers of a job already stored (a resumed job skips them). */
  abstract storedRowNumbers(jobId: string): Promise<Set<number>>;
  /** Aspect counts by term and label (and mean score) over stored aspects in a time range / source. */
  abstract aspectCounts(filters: Pick<AnalysisFilters, 'from' | 'to' | 'source'>): Promise<AspectCount[]>;
}

/** Stored aspects of one term with one label. */
export interface AspectCount {
  term: string;
  label: string;
  count: number;
  meanScore: number;
}

/** The key aspects are grouped by: lower case, whitespace collapsed ("Battery  life" → "battery life"). */
export function aspectTerm(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** The store on Prisma (SQLite or PostgreSQL). */
@Injectable()
export class PrismaAnalysisStore extends AnalysisStore {
  constructor(
    @InjectDb() private readonly db: DbClient,
    @Inject(DB_PROVIDER) private readonly provider: 'sqlite' | 'postgresql',
    /** The product's PII redaction (SENTIMENT_PII_REDACTION); without one (a unit spec) every kind is redacted. */
    @Optional() private readonly redactor: Pick<PiiRedactor, 'redact'> = { redact: (text) => redactPii(text) },
  ) {
    super();
  }

  private readonly rowWriter = new InsertCoalescer<AnalysisRow>((rows) => insertAnalysisRows(this.db, rows));

  /**
   * Writes scored texts with `tx` (the caller's transaction, or the client for a single row) and returns them as the API
   * shows them. Every text is stored with its PII replaced (the scores are the model's on the original text), and its
   * sentence and aspect offsets are moved onto the stored text (redactScored).
   */
  async insert(tx: DbTransaction | DbClient, original: ScoredText[], meta: StoreMeta): Promise<Analysis[]> {
    const { scored, rows, createdAt } = this.rowsOf(original, meta);
    // Upload jobs write with createMany, whose unique-violation error (P2002: another process stored the rows meanwhile)
    // the job runner handles; others with one raw INSERT (insertAnalysisRows: a third of Prisma's CPU per row).
    if (meta.jobId) await tx.sentimentAnalysis.createMany({ data: rows });
    else await insertAnalysisRows(tx, rows);
    const aspectRows = scored.flatMap((s, i) =>
      (s.aspects ?? []).map((a) => ({
        id: timeOrderedId(createdAt.getTime()),
        analysisId: rows[i].id,
        term: aspectTerm(a.text),
        text: a.text,
        start: a.start,
        end: a.end,
        contextStart: a.context.start,
        contextEnd: a.context.end,
        label: a.label,
        score: a.score,
        createdAt,
        source: meta.source,
      })),
    );
    if (aspectRows.length) await tx.sentimentAspect.createMany({ data: aspectRows });
    return rows.map((row, i) => (scored[i].aspects ? { ...toAnalysis(row), aspects: scored[i].aspects } : toAnalysis(row)));
  }

  /** The rows of scored texts, PII redacted, and the redacted texts (their offsets moved onto the stored text). */
  private rowsOf(original: ScoredText[], meta: StoreMeta): { scored: ScoredText[]; rows: AnalysisRow[]; createdAt: Date } {
    const scored = original.map((s) => redactScored(s, this.redactor.redact(s.text)));
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
    return { scored, rows, createdAt };
  }

  async insertAll(scored: ScoredText[], meta: StoreMeta): Promise<Analysis[]> {
    // Texts without aspects, outside a job: one INSERT, atomic by itself, committed together with concurrent requests'
    // rows (InsertCoalescer: one commit per group, not per request). Aspects or a job need a transaction.
    if (!meta.jobId && scored.every((s) => !s.aspects?.length)) {
      const { rows } = this.rowsOf(scored, meta);
      await this.rowWriter.add(rows);
      return rows.map(toAnalysis);
    }
    return withTransaction(this.db, (tx) => this.insert(tx, scored, meta));
  }

  async get(id: string): Promise<Analysis> {
    const [row, aspects] = await Promise.all([
      this.db.sentimentAnalysis.findUnique({ where: { id } }),
      this.db.sentimentAspect.findMany({ where: { analysisId: id }, orderBy: { start: 'asc' } }),
    ]);
    if (!row) throw new ApiError(404, 'not_found', `analysis '${id}' does not exist`);
    return aspects.length ? { ...toAnalysis(row), aspects: aspects.map(toAspectResult) } : toAnalysis(row);
  }

  async delete(id: string): Promise<void> {
    const count = await withTransaction(this.db, async (tx) => {
      await tx.sentimentAspect.deleteMany({ where: { analysisId: id } });
      return (await tx.sentimentAnalysis.deleteMany({ where: { id } })).count;
    });
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
      // The batch's stored aspects (a job run with aspects), in text order.
      const aspects = await this.aspectsOfMany(rows.map((r) => r.id));
      const byAnalysis = new Map<string, AspectResult[]>();
      for (const a of aspects) byAnalysis.set(a.analysisId, [...(byAnalysis.get(a.analysisId) ?? []), toAspectResult(a)]);
      for (const row of rows) {
        const found = byAnalysis.get(row.id);
        yield found ? { ...toAnalysis(row), aspects: found } : toAnalysis(row);
      }
      if (rows.length < SCAN_BATCH) return;
      after = rows[rows.length - 1].rowNumber ?? after;
    }
  }

  /**
   * The stored aspects of many analyses, in text order. Asked in slices: SQLite refuses a statement with more bound
   * parameters than its limit (999 on older builds), and a results page holds SCAN_BATCH analyses.
   */
  private async aspectsOfMany(analysisIds: string[]): Promise<Array<Awaited<ReturnType<DbClient['sentimentAspect']['findMany']>>[number]>> {
    const found = [];
    for (let start = 0; start < analysisIds.length; start += ASPECT_LOOKUP_SLICE) {
      const slice = analysisIds.slice(start, start + ASPECT_LOOKUP_SLICE);
      found.push(...(await this.db.sentimentAspect.findMany({ where: { analysisId: { in: slice } }, orderBy: { start: 'asc' } })));
    }
    return found;
  }

  /** Row numbers of a job already stored (a resumed job skips them). */
  async storedRowNumbers(jobId: string): Promise<Set<number>> {
    const rows = await this.db.sentimentAnalysis.findMany({ where: { jobId }, select: { rowNumber: true } });
    return new Set(rows.map((row) => row.rowNumber).filter((n): n is number => n !== null));
  }

  async *scoredRows(filters: AnalysisFilters): AsyncGenerator<ScoredRow> {
    const where = analysisWhere(filters, this.provider);
    let cursor: string | undefined;
    for (;;) {
      const rows = await this.db.sentimentAnalysis.findMany({
        where,
        select: { id: true, createdAt: true, label: true, score: true },
        orderBy: { id: 'asc' },
        take: SCAN_BATCH,
        ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      });
      yield* rows;
      if (rows.length < SCAN_BATCH) return;
      cursor = rows[rows.length - 1].id;
    }
  }

  async aspectCounts(filters: Pick<AnalysisFilters, 'from' | 'to' | 'source'>): Promise<AspectCount[]> {
    const { from, toExclusive } = timeRange(filters);
    const groups = await this.db.sentimentAspect.groupBy({
      by: ['term', 'label'],
      where: {
        ...(filters.source ? { source: filters.source } : {}),
        ...(from || toExclusive ? { createdAt: { ...(from ? { gte: from } : {}), ...(toExclusive ? { lt: toExclusive } : {}) } } : {}),
      },
      _count: { _all: true },
      _avg: { score: true },
    });
    return groups.map((g) => ({ term: g.term, label: g.label, count: g._count._all, meanScore: g._avg.score ?? 0 }));
  }
}

function toAspectResult(row: {
  text: string;
  start: number;
  end: number;
  contextStart: number;
  contextEnd: number;
  label: string;
  score: number;
}): AspectResult {
  return {
    text: row.text,
    start: row.start,
    end: row.end,
    context: { start: row.contextStart, end: row.contextEnd },
    label: row.label as AspectResult['label'],
    score: row.score,
  };
}
