import type { Analysis } from '../analyses/analysis-dto';
import { jobResultRows, resultsAsCsv, type ResultRow } from './job-results';

async function* stream<T>(items: T[]): AsyncGenerator<T> {
  yield* items;
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

const analysis = (rowNumber: number, text: string): Analysis => ({
  id: `a${rowNumber}`,
  text,
  label: 'POSITIVE',
  score: 0.5,
  magnitude: 0.5,
  positiveProbability: 0.75,
  sentences: [{ text, start: 0, end: text.length, label: 'POSITIVE', score: 0.5 }],
  source: 'csv',
  jobId: 'j1',
  rowNumber,
  model: 'sentiment-head',
  modelVersion: '1',
  createdAt: '2026-01-01T00:00:00.000Z',
});

describe('job results', () => {
  it('lists every data row in file order: analysed, rejected with its reason, and not analysed', async () => {
    const input = {
      rows: [
        [1, 'good'],
        [3, 'fine'],
        [4, 'lost'],
      ] as Array<[number, string]>,
      rejected: [{ row: 2, reason: 'empty text' }],
      aspects: false,
    };
    const rows = await collect(jobResultRows(input, stream([analysis(1, 'good'), analysis(3, 'fine')])));
    expect(rows.map((r) => [r.row, r.status, r.reason?.slice(0, 20) ?? null, r.text])).toEqual([
      [1, 'analyzed', null, 'good'],
      [2, 'rejected', 'empty text', null],
      [3, 'analyzed', null, 'fine'],
      [4, 'not_analyzed', 'no stored analysis (', 'lost'],
    ]);
  });

  it('writes the results CSV with one line per row', async () => {
    const rows: ResultRow[] = [
      { row: 1, status: 'analyzed', reason: null, text: 'good', analysis: analysis(1, 'good') },
      { row: 2, status: 'rejected', reason: 'empty text', text: null, analysis: null },
    ];
    expect((await collect(resultsAsCsv(stream(rows)))).join('')).toBe(
      'row,status,reason,label,score,magnitude,positiveProbability,sentenceCount,analysisId,text\r\n' +
        '1,analyzed,,POSITIVE,0.5,0.5,0.75,1,a1,good\r\n' +
        '2,rejected,empty text,,,,,,,\r\n',
    );
  });

  it('adds an aspects column for a job run with aspects', async () => {
    const withAspects = {
      ...analysis(1, 'good staff, cold breakfast'),
      aspects: [
        { text: 'staff', start: 5, end: 10, context: { start: 0, end: 11 }, label: 'POSITIVE' as const, score: 0.6 },
        { text: 'breakfast', start: 17, end: 26, context: { start: 12, end: 26 }, label: 'NEGATIVE' as const, score: -0.7 },
      ],
    };
    const rows: ResultRow[] = [{ row: 1, status: 'analyzed', reason: null, text: withAspects.text, analysis: withAspects }];
    const lines = (await collect(resultsAsCsv(stream(rows), { aspects: true }))).join('').split('\r\n');
    expect(lines[0]).toBe('row,status,reason,label,score,magnitude,positiveProbability,sentenceCount,analysisId,text,aspects');
    expect(lines[1].endsWith(',staff=POSITIVE; breakfast=NEGATIVE')).toBe(true);
  });
});
