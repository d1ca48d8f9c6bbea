import { csvLine } from '@matrix/product-server';
import type { Analysis } from '../analyses/analysis-dto';
import type { CsvJobView } from './csv-job';
import type { UploadInput } from './upload.service';

export type RowStatus = 'analyzed' | 'rejected' | 'not_analyzed';

/** One data row of the uploaded CSV and what became of it. */
export interface ResultRow {
  row: number;
  status: RowStatus;
  /** Why the row was rejected or not analysed. */
  reason: string | null;
  text: string | null;
  analysis: Analysis | null;
}

/**
 * Every data row of the upload in file order: analysed rows with their analysis, rejected rows with
 * the reason, and rows with no stored analysis (the job failed first, or it was deleted). The stored
 * analyses stream in by row number, so a large job is never held whole in memory.
 */
export async function* jobResultRows(input: UploadInput, analyses: AsyncIterable<Analysis>): AsyncGenerator<ResultRow> {
  const rejected = new Map(input.rejected.map((r) => [r.row, r.reason]));
  const order = [...input.rows.map(([row]) => row), ...rejected.keys()].sort((a, b) => a - b);
  const texts = new Map(input.rows);
  const iterator = analyses[Symbol.asyncIterator]();
  let next = await iterator.next();
  for (const row of order) {
    const reason = rejected.get(row);
    if (reason !== undefined) {
      yield { row, status: 'rejected', reason, text: null, analysis: null };
      continue;
    }
    while (!next.done && (next.value.rowNumber ?? 0) < row) next = await iterator.next();
    if (!next.done && next.value.rowNumber === row) {
      yield { row, status: 'analyzed', reason: null, text: next.value.text, analysis: next.value };
      next = await iterator.next();
    } else {
      yield {
        row,
        status: 'not_analyzed',
        reason: 'no stored analysis (the job stopped before this row, or it was deleted)',
        text: texts.get(row) ?? null,
        analysis: null,
      };
    }
  }
}

export const RESULT_COLUMNS = ['row', 'status', 'reason', 'label', 'score', 'magnitude', 'positiveProbability', 'sentenceCount', 'analysisId', 'text'] as const;

/** A row's aspects in one cell: `staff=POSITIVE; breakfast=NEGATIVE` (text order). */
export function aspectsCell(analysis: Analysis | null): string {
  return (analysis?.aspects ?? []).map((a) => `${a.text}=${a.label}`).join('; ');
}

/** The results as CSV; with `aspects` (a job run with aspects) a last `aspects` column. */
export async function* resultsAsCsv(rows: AsyncIterable<ResultRow>, options: { aspects?: boolean } = {}): AsyncGenerator<string> {
  yield csvLine([...RESULT_COLUMNS, ...(options.aspects ? ['aspects'] : [])]);
  for await (const r of rows) {
    const a = r.analysis;
    const cells = [r.row, r.status, r.reason, a?.label, a?.score, a?.magnitude, a?.positiveProbability, a?.sentences.length, a?.id, r.text];
    yield csvLine(options.aspects ? [...cells, aspectsCell(a)] : cells);
  }
}

/** `{"job": {...}, "rows": [...]}`, streamed row by row. */
export async function* resultsAsJson(job: CsvJobView, rows: AsyncIterable<ResultRow>): AsyncGenerator<string> {
  yield `{"job":${JSON.stringify(job)},"rows":[`;
  let first = true;
  for await (const row of rows) {
    yield `${first ? '\n' : ',\n'}${JSON.stringify(row)}`;
    first = false;
  }
  yield '\n]}\n';
}
