import { createTestDatabase, Prisma, withTransaction, type DbProvider, type TestDatabase } from '@matrix/db';
import { ProductMetrics } from '@matrix/product-server';
import { AnalysisService } from '../src/analyses/analysis.service';
import { PrismaAnalysisStore } from '../src/analyses/analysis-store';
import { SentimentMetrics } from '../src/observability/sentiment-metrics';
import type { SentimentScorer } from '../src/scoring/sentiment-scorer';
import type { ScoredText } from '../src/scoring/sentiment-scorer';

// The store layer on both databases the product supports: the embedded SQLite file and PostgreSQL
// (a throw-away database on the local server; createTestDatabase fails, naming the command to start
// it, when the server is down).

const scored = (text: string, label: ScoredText['label'], score: number): ScoredText => ({
  text,
  label,
  score,
  magnitude: Math.abs(score),
  positiveProbability: (score + 1) / 2,
  sentences: [{ text, start: 0, end: text.length, label: label === 'MIXED' ? 'NEUTRAL' : label, score }],
  model: 'sentiment-head',
  modelVersion: 'v1',
});

describe.each<DbProvider>(['sqlite', 'postgresql'])('AnalysisStore on %s', (provider) => {
  let db: TestDatabase;
  let store: PrismaAnalysisStore;
  // Aggregates are computed by the service from the store's scan; no scoring here.
  let analyses: AnalysisService;

  beforeAll(async () => {
    db = await createTestDatabase(provider);
    store = new PrismaAnalysisStore(db.client, provider);
    analyses = new AnalysisService({} as SentimentScorer, store, new SentimentMetrics(new ProductMetrics('sentiment-api-spec', { processMetrics: false })));
    const at = (iso: string) => new Date(iso);
    // Fixed times, so the buckets are known: two on 1 March (10:xx and 11:xx UTC), one on 3 March.
    const fixtures: Array<[string, string, number, string, string]> = [
      ['The staff were Fantastic.', 'POSITIVE', 0.8, 'reviews', '2026-03-01T10:15:00Z'],
      ['Awful wait times.', 'NEGATIVE', -0.6, 'reviews', '2026-03-01T11:45:00Z'],
      ['It was fine.', 'NEUTRAL', 0.1, 'tickets', '2026-03-03T08:00:00Z'],
    ];
    await db.client.sentimentAnalysis.createMany({
      data: fixtures.map(([text, label, score, source, createdAt]) => ({
        text,
        label,
        score,
        magnitude: Math.abs(score),
        positiveProbability: (score + 1) / 2,
        sentences: '[]',
        sentenceCount: 1,
        source,
        model: 'm',
        modelVersion: '1',
        createdAt: at(createdAt),
      })),
    });
  }, 30_000);

  afterAll(() => db?.drop());

  it('filters by label, source, case-insensitive text and an inclusive date range', async () => {
    const texts = async (filters: Parameters<PrismaAnalysisStore['page']>[0]) =>
      (await store.page(filters, { page: 1, pageSize: 10 })).items.map((a) => a.text);
    expect(await texts({ source: 'reviews' })).toEqual(['Awful wait times.', 'The staff were Fantastic.']); // newest first
    expect(await texts({ label: 'NEGATIVE' })).toEqual(['Awful wait times.']);
    expect(await texts({ q: 'fantastic' })).toEqual(['The staff were Fantastic.']);
    expect(await texts({ q: 'FANTASTIC' })).toEqual(['The staff were Fantastic.']);
    expect(await texts({ from: '2026-03-01', to: '2026-03-01' })).toEqual(['Awful wait times.', 'The staff were Fantastic.']);
    expect(await texts({ from: '2026-03-01T11:00:00Z', to: '2026-03-03T08:00:00Z' })).toEqual(['It was fine.', 'Awful wait times.']);
    const page2 = await store.page({}, { page: 2, pageSize: 2 });
    expect([page2.total, page2.items.map((a) => a.text)]).toEqual([3, ['The staff were Fantastic.']]);
  });

  it('aggregates by label and by UTC day, filling empty days with zeros', async () => {
    const result = await analyses.aggregates({ from: '2026-03-01', to: '2026-03-03' }, 'day');
    expect(result.byLabel).toEqual({ POSITIVE: 1, NEGATIVE: 1, NEUTRAL: 1, MIXED: 0 });
    expect(result.total).toBe(3);
    expect(result.meanScore).toBeCloseTo((0.8 - 0.6 + 0.1) / 3, 12);
    expect(result.series).toEqual([
      { bucket: '2026-03-01T00:00:00.000Z', POSITIVE: 1, NEGATIVE: 1, NEUTRAL: 0, MIXED: 0, total: 2, meanScore: expect.closeTo(0.1, 12) },
      { bucket: '2026-03-02T00:00:00.000Z', POSITIVE: 0, NEGATIVE: 0, NEUTRAL: 0, MIXED: 0, total: 0, meanScore: null },
      { bucket: '2026-03-03T00:00:00.000Z', POSITIVE: 0, NEGATIVE: 0, NEUTRAL: 1, MIXED: 0, total: 1, meanScore: expect.closeTo(0.1, 12) },
    ]);
    const hourly = await analyses.aggregates({ source: 'reviews' }, 'hour');
    expect(hourly.series.map((p) => [p.bucket, p.total])).toEqual([
      ['2026-03-01T10:00:00.000Z', 1],
      ['2026-03-01T11:00:00.000Z', 1],
    ]);
    expect((await analyses.aggregates({ source: 'nobody' }, 'day')).series).toEqual([]);
    // From a day with no end: every day up to today, quiet days included.
    const since = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
    const recent = await analyses.aggregates({ from: since }, 'day');
    expect(recent.series.map((p) => p.bucket.slice(0, 10))).toEqual(
      [0, 1, 2].map((i) => new Date(Date.parse(since) + i * 86_400_000).toISOString().slice(0, 10)),
    );
  });

  it('writes a batch in the caller’s transaction: all rows or, when the transaction fails, none', async () => {
    const before = await db.client.sentimentAnalysis.count();
    await expect(
      withTransaction(db.client, async (tx) => {
        await store.insert(tx, [scored('one', 'POSITIVE', 0.5), scored('two', 'NEGATIVE', -0.5)], { source: 'tx' });
        throw new Error('the gateway went away half-way');
      }),
    ).rejects.toThrow('half-way');
    expect(await db.client.sentimentAnalysis.count()).toBe(before);
    const stored = await withTransaction(db.client, (tx) =>
      store.insert(tx, [scored('one', 'POSITIVE', 0.5), scored('two', 'NEGATIVE', -0.5)], { source: 'tx' }),
    );
    expect(stored.map((a) => [a.text, a.sentences.length])).toEqual([
      ['one', 1],
      ['two', 1],
    ]);
    expect(await store.get(stored[1].id)).toEqual(stored[1]);
  });

  it('stores a job row once: the unique (jobId, rowNumber) makes a resumed job skip, never duplicate', async () => {
    await withTransaction(db.client, (tx) =>
      store.insert(tx, [scored('a', 'POSITIVE', 0.5), scored('b', 'NEUTRAL', 0)], { source: 'csv', jobId: 'job-1', rowNumbers: [1, 3] }),
    );
    expect([...(await store.storedRowNumbers('job-1'))].sort()).toEqual([1, 3]);
    const again = withTransaction(db.client, (tx) => store.insert(tx, [scored('b', 'NEUTRAL', 0)], { source: 'csv', jobId: 'job-1', rowNumbers: [3] }));
    await expect(again).rejects.toMatchObject({ code: 'P2002' } satisfies Partial<Prisma.PrismaClientKnownRequestError>);
    const rows = [];
    for await (const row of store.jobRows('job-1')) rows.push([row.rowNumber, row.text]);
    expect(rows).toEqual([
      [1, 'a'],
      [3, 'b'],
    ]);
  });

  it('scans every match newest first and deletes by id', async () => {
    const scanned = [];
    for await (const row of store.scan({ source: 'reviews' })) scanned.push(row.text);
    expect(scanned).toEqual(['Awful wait times.', 'The staff were Fantastic.']);
    const [first] = (await store.page({ source: 'tickets' }, { page: 1, pageSize: 1 })).items;
    await store.delete(first.id);
    await expect(store.get(first.id)).rejects.toMatchObject({ status: 404 });
  });

  it('reads a job of more rows than a page and than SQLite binds at once back in row order, each with its aspects', async () => {
    const jobId = `job-many-${provider}`;
    const rows = 2100; // > SCAN_BATCH (2000) and > 999 bound parameters in one IN list
    const texts = Array.from({ length: rows }, (_, i) => scored(`The staff were lovely ${i}.`, 'POSITIVE', 0.7));
    for (const text of texts) text.aspects = [{ text: 'staff', start: 4, end: 9, context: { start: 0, end: text.text.length }, label: 'POSITIVE', score: 0.7 }];
    await store.insert(db.client, texts, { source: 'csv', jobId, rowNumbers: texts.map((_, i) => i + 1) });
    const read = [];
    for await (const analysis of store.jobRows(jobId)) read.push(analysis);
    expect(read.map((a) => a.rowNumber)).toEqual(texts.map((_, i) => i + 1));
    expect(read.every((a) => a.aspects?.length === 1 && a.aspects[0].text === 'staff')).toBe(true);
  }, 60_000);
});
