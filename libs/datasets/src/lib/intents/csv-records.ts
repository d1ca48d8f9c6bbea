import Papa from 'papaparse';
import { DatasetFormatError } from '../dataset-errors';
import { readDatasetText } from '../dataset-files';

/** One CSV data row by column name, with the 1-based line on which the row starts. */
export interface CsvRecord {
  line: number;
  values: Record<string, string>;
}

/** Counts line breaks in `text` between two offsets (row positions come back as offsets). */
function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

/**
 * Parses a comma-separated file with a header row using papaparse, because quoted fields hold
 * commas and line breaks (Banking77). Every row must have as many fields as the header and the
 * header must name `requiredColumns`; otherwise a `DatasetFormatError` names the line. Blank lines
 * are skipped. Parsing row by row lets us report the line a row starts on even after quoted newlines.
 */
export function readCsvRecords(path: string, requiredColumns: readonly string[]): CsvRecord[] {
  const text = readDatasetText(path);
  let header: string[] | undefined;
  const records: CsvRecord[] = [];
  let rowStart = 0;
  let line = 1;
  Papa.parse<string[]>(text, {
    delimiter: ',',
    step(result) {
      const row = result.data;
      const rowEnd = result.meta.cursor;
      const rowLine = line;
      line += countNewlines(text, rowStart, rowEnd);
      rowStart = rowEnd;
      const quoteError = result.errors.find((error) => error.type === 'Quotes');
      if (quoteError) throw new DatasetFormatError(path, rowLine, quoteError.message);
      if (row.length === 1 && row[0] === '') return;
      if (header === undefined) {
        header = row.map((name) => name.trim());
        const missing = requiredColumns.filter((column) => !header?.includes(column));
        if (missing.length > 0) {
          throw new DatasetFormatError(path, rowLine, `missing column(s) ${missing.join(', ')} in header "${row.join(',')}"`);
        }
        return;
      }
      if (row.length !== header.length) {
        throw new DatasetFormatError(path, rowLine, `expected ${header.length} fields (${header.join(',')}), found ${row.length}`);
      }
      const values: Record<string, string> = {};
      header.forEach((column, index) => (values[column] = row[index]));
      records.push({ line: rowLine, values });
    },
  });
  if (header === undefined) throw new DatasetFormatError(path, undefined, 'empty file: no header row');
  return records;
}
