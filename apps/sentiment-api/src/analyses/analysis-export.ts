import { csvLine } from '@matrix/product-server';
import type { Analysis } from './analysis-dto';

export const EXPORT_COLUMNS = [
  'id',
  'createdAt',
  'label',
  'score',
  'magnitude',
  'positiveProbability',
  'sentenceCount',
  'source',
  'jobId',
  'rowNumber',
  'model',
  'modelVersion',
  'text',
] as const;

/** CSV: one line per analysis (sentences are in the JSON export); text cells are formula-safe. */
export async function* analysesAsCsv(analyses: AsyncIterable<Analysis>): AsyncGenerator<string> {
  yield csvLine([...EXPORT_COLUMNS]);
  for await (const a of analyses) {
    yield csvLine([
      a.id,
      a.createdAt,
      a.label,
      a.score,
      a.magnitude,
      a.positiveProbability,
      a.sentences.length,
      a.source,
      a.jobId,
      a.rowNumber,
      a.model,
      a.modelVersion,
      a.text,
    ]);
  }
}

/** A JSON array of Analysis objects (with sentences), streamed one element at a time. */
export async function* asJsonArray<T>(items: AsyncIterable<T>): AsyncGenerator<string> {
  yield '[';
  let first = true;
  for await (const item of items) {
    yield `${first ? '\n' : ',\n'}${JSON.stringify(item)}`;
    first = false;
  }
  yield first ? ']\n' : '\n]\n';
}
