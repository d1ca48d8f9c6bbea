import type { PageRequest } from '@matrix/product-server';
import type { Analysis } from '../../src/analyses/analysis-dto';
import { timeRange, type AnalysisFilters } from '../../src/analyses/analysis-filters';
import { AnalysisStore, aspectTerm, type AspectCount, type ScoredRow, type StoreMeta } from '../../src/analyses/analysis-store';
import type { ScoredText } from '../../src/scoring/sentiment-scorer';

/** AnalysisStore in memory (no database), for unit specs: newest first as the real one; records each write and scan. */
export class FakeAnalysisStore extends AnalysisStore {
  readonly rows: Analysis[] = [];
  readonly writes: Array<{ texts: string[]; meta: StoreMeta }> = [];
  scans = 0;
  private nextId = 1;

  /** Adds a stored analysis as if written at `createdAt`. */
  seed(label: Analysis['label'], score: number, createdAt: string, source: string | null = null): Analysis {
    const row: Analysis = {
      id: `s${this.nextId++}`,
      text: `${label} ${score}`,
      label,
      score,
      magnitude: Math.abs(score),
      positiveProbability: (score + 1) / 2,
      sentences: [],
      source,
      jobId: null,
      rowNumber: null,
      model: 'm',
      modelVersion: '1',
      createdAt,
    };
    this.rows.push(row);
    return row;
  }

  private matching(filters: AnalysisFilters): Analysis[] {
    const { from, toExclusive } = timeRange(filters);
    return this.rows
      .filter(
        (a) =>
          (!filters.label || a.label === filters.label) && (!filters.source || a.source === filters.source) && (!filters.jobId || a.jobId === filters.jobId),
      )
      .filter((a) => !filters.q || a.text.toLowerCase().includes(filters.q.toLowerCase()))
      .filter((a) => (!from || Date.parse(a.createdAt) >= from.getTime()) && (!toExclusive || Date.parse(a.createdAt) < toExclusive.getTime()))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
  }

  async insert(_tx: unknown, scored: ScoredText[], meta: StoreMeta): Promise<Analysis[]> {
    return this.insertAll(scored, meta);
  }

  async insertAll(scored: ScoredText[], meta: StoreMeta): Promise<Analysis[]> {
    this.writes.push({ texts: scored.map((s) => s.text), meta });
    const createdAt = new Date().toISOString();
    const stored = scored.map(
      (s, i): Analysis => ({
        id: `s${this.nextId++}`,
        ...s,
        source: meta.source,
        jobId: meta.jobId ?? null,
        rowNumber: meta.rowNumbers?.[i] ?? null,
        createdAt,
      }),
    );
    this.rows.push(...stored);
    return stored;
  }

  async get(id: string): Promise<Analysis> {
    const row = this.rows.find((a) => a.id === id);
    if (!row) throw new Error(`no analysis ${id}`);
    return row;
  }

  async delete(id: string): Promise<void> {
    this.rows.splice(
      this.rows.findIndex((a) => a.id === id),
      1,
    );
  }

  async page(filters: AnalysisFilters, page: PageRequest): Promise<{ items: Analysis[]; total: number }> {
    const all = this.matching(filters);
    return { items: all.slice((page.page - 1) * page.pageSize, page.page * page.pageSize), total: all.length };
  }

  async *scan(filters: AnalysisFilters): AsyncGenerator<Analysis> {
    yield* this.matching(filters);
  }

  async *scoredRows(filters: AnalysisFilters): AsyncGenerator<ScoredRow> {
    this.scans++;
    for (const a of this.matching(filters)) yield { createdAt: new Date(a.createdAt), label: a.label, score: a.score };
  }

  async *jobRows(jobId: string): AsyncGenerator<Analysis> {
    yield* this.rows.filter((a) => a.jobId === jobId).sort((a, b) => (a.rowNumber ?? 0) - (b.rowNumber ?? 0));
  }

  async storedRowNumbers(jobId: string): Promise<Set<number>> {
    return new Set(this.rows.flatMap((a) => (a.jobId === jobId && a.rowNumber !== null ? [a.rowNumber] : [])));
  }

  async aspectCounts(filters: Pick<AnalysisFilters, 'from' | 'to' | 'source'>): Promise<AspectCount[]> {
    const groups = new Map<string, { term: string; label: string; count: number; sum: number }>();
    for (const analysis of this.matching(filters)) {
      for (const aspect of analysis.aspects ?? []) {
        const term = aspectTerm(aspect.text);
        const group = groups.get(`${term}\u0000${aspect.label}`) ?? { term, label: aspect.label, count: 0, sum: 0 };
        group.count++;
        group.sum += aspect.score;
        groups.set(`${term}\u0000${aspect.label}`, group);
      }
    }
    return [...groups.values()].map((g) => ({ term: g.term, label: g.label, count: g.count, meanScore: g.sum / g.count }));
  }
}
