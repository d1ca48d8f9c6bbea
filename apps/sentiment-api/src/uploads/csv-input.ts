import { ApiError } from '@matrix/product-server';
import Papa from 'papaparse';

/** Header names tried, in order, when the caller names no column. */
export const TEXT_COLUMN_NAMES = ['text', 'review', 'comment', 'comments', 'content', 'body', 'message', 'tweet', 'sentence', 'feedback', 'description'];

export interface CsvColumnOptions {
  /** A header name (case-insensitive), or a 1-based position; optional when the choice is obvious. */
  column?: string;
  hasHeader: boolean;
  maxRows: number;
  maxTextChars: number;
}

export interface RejectedRow {
  /** 1-based data row (the header is not counted). */
  row: number;
  reason: string;
}

export interface CsvSelection {
  /** The chosen column: its header name, or its 1-based position without a header. */
  column: string;
  columnIndex: number;
  /** [row, text] of every row with text to analyse, in file order. */
  rows: Array<[number, string]>;
  rejected: RejectedRow[];
}

interface ColumnInfo {
  position: number;
  name: string;
  /** The first non-empty value, shortened: helps pick the column in a 422 answer. */
  sample: string;
}

function describeColumns(header: string[] | undefined, dataRows: string[][], width: number): ColumnInfo[] {
  return Array.from({ length: width }, (_, i) => {
    const sample = dataRows.find((row) => row[i]?.trim())?.[i]?.trim() ?? '';
    return { position: i + 1, name: header?.[i] ?? String(i + 1), sample: sample.length > 60 ? `${sample.slice(0, 57)}...` : sample };
  });
}

function unprocessable(message: string, details?: unknown): ApiError {
  return new ApiError(422, 'invalid_csv', message, details);
}

function chooseColumn(options: CsvColumnOptions, header: string[] | undefined, columns: ColumnInfo[]): number {
  const available = columns.map((c) => (header ? `'${c.name}'` : String(c.position))).join(', ');
  const details = { columns };
  const wanted = options.column?.trim();
  if (wanted) {
    if (header) {
      const exact = header.indexOf(wanted);
      if (exact >= 0) return exact;
      const folded = header.findIndex((name) => name.toLowerCase() === wanted.toLowerCase());
      if (folded >= 0) return folded;
    }
    if (/^\d+$/.test(wanted) && Number(wanted) >= 1 && Number(wanted) <= columns.length) return Number(wanted) - 1;
    throw unprocessable(
      header
        ? `the CSV has no column '${wanted}'; available columns: ${available}`
        : `without a header row, choose the column by its position 1..${columns.length} (got '${wanted}')`,
      details,
    );
  }
  if (columns.length === 1) return 0;
  if (header) {
    for (const name of TEXT_COLUMN_NAMES) {
      const found = header.findIndex((h) => h.toLowerCase() === name);
      if (found >= 0) return found;
    }
  }
  throw unprocessable(
    `the CSV has ${columns.length} columns: choose the one holding the text with ?column=<${header ? 'name' : 'position'}>; available columns: ${available}`,
    details,
  );
}

/**
 * Papa Parse guesses the delimiter from field-count consistency, which blank lines (even the one a
 * final line break leaves) throw off; so guess on the first non-blank lines only.
 */
function guessDelimiter(text: string): string {
  const sample = text
    .split(/\r?\n/)
    .filter((line) => line.trim())
    .slice(0, 50)
    .join('\n');
  return Papa.parse<string[]>(sample, { header: false, delimitersToGuess: [',', ';', '\t', '|'] }).meta.delimiter || ',';
}

/**
 * Reads one text column of a CSV (delimiter , ; tab or | detected; RFC 4180 quoting; a BOM is
 * ignored). Rows whose cell is empty, missing, too long, or that have more fields than the header
 * (an unquoted delimiter inside the text) are returned as rejected rows with the reason, never
 * dropped silently. Throws 422 for a CSV that cannot be read or an unknown column (listing the
 * columns with a sample value), 413 past maxRows.
 */
export function readCsvColumn(csv: string, options: CsvColumnOptions): CsvSelection {
  if (!csv.trim()) throw unprocessable('the CSV is empty: send the file as the request body with Content-Type: text/csv');
  const text = csv.charCodeAt(0) === 0xfeff ? csv.slice(1) : csv;
  const parsed = Papa.parse<string[]>(text, { header: false, skipEmptyLines: false, delimiter: guessDelimiter(text) });
  const broken = parsed.errors.find((error) => error.type === 'Quotes');
  if (broken) throw unprocessable(`the CSV cannot be read: ${broken.message} (data row ${(broken.row ?? 0) + (options.hasHeader ? 0 : 1)})`);

  const records = parsed.data;
  // A final line break leaves empty records behind; blank lines inside the file stay (as rejected rows).
  while (records.length && records[records.length - 1].every((cell) => cell.trim() === '')) records.pop();
  if (records.length === 0) throw unprocessable('the CSV has no rows');
  const header = options.hasHeader ? records[0].map((name, i) => name.trim() || `column ${i + 1}`) : undefined;
  const dataRows = options.hasHeader ? records.slice(1) : records;
  if (dataRows.length === 0) throw unprocessable('the CSV has a header but no data rows');
  if (dataRows.length > options.maxRows) {
    throw new ApiError(413, 'payload_too_large', `the CSV has ${dataRows.length} data rows; the limit is ${options.maxRows} per upload: split the file`);
  }
  const width = header?.length ?? dataRows[0].length;
  const index = chooseColumn(options, header, describeColumns(header, dataRows, width));
  const column = header ? header[index] : String(index + 1);

  const rows: Array<[number, string]> = [];
  const rejected: RejectedRow[] = [];
  dataRows.forEach((record, i) => {
    const row = i + 1;
    const text = record[index];
    if (record.length > width)
      rejected.push({
        row,
        reason: `the row has ${record.length} fields but the ${header ? 'header' : 'first row'} has ${width}: quote text that contains the delimiter`,
      });
    else if (text === undefined) rejected.push({ row, reason: `the row has no field '${column}'` });
    else if (text.trim() === '') rejected.push({ row, reason: 'empty text' });
    else if (text.length > options.maxTextChars) rejected.push({ row, reason: `the text has ${text.length} characters; the limit is ${options.maxTextChars}` });
    else rows.push([row, text]);
  });
  if (rows.length === 0)
    throw unprocessable(`no row has text in column '${column}' (${rejected.length} rows rejected, e.g. row ${rejected[0].row}: ${rejected[0].reason})`, {
      rejected: rejected.slice(0, 20),
    });
  return { column, columnIndex: index, rows, rejected };
}
