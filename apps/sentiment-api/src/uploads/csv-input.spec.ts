import type { ApiError } from '@matrix/product-server';
import { readCsvColumn, type CsvColumnOptions } from './csv-input';

const defaults: CsvColumnOptions = { hasHeader: true, maxRows: 1000, maxTextChars: 20_000 };

function failure(csv: string, options: Partial<CsvColumnOptions> = {}): ApiError {
  try {
    readCsvColumn(csv, { ...defaults, ...options });
  } catch (error) {
    return error as ApiError;
  }
  throw new Error('expected the CSV to be refused');
}

describe('readCsvColumn', () => {
  it('reads the named column, with quoted commas, quotes and line breaks kept', () => {
    const csv = 'id,review,stars\r\n1,"Great, really great",5\r\n2,"He said ""meh""\nthen left",2\r\n';
    expect(readCsvColumn(csv, { ...defaults, column: 'review' })).toEqual({
      column: 'review',
      columnIndex: 1,
      rows: [
        [1, 'Great, really great'],
        [2, 'He said "meh"\nthen left'],
      ],
      rejected: [],
    });
  });

  it('finds the column case-insensitively or by position, and guesses an obvious text column', () => {
    const csv = 'ID;Text\n1;Nice\n2;Bad\n';
    expect(readCsvColumn(csv, { ...defaults, column: 'text' }).columnIndex).toBe(1); // ; detected as the delimiter
    expect(readCsvColumn(csv, { ...defaults, column: '2' }).rows).toEqual([
      [1, 'Nice'],
      [2, 'Bad'],
    ]);
    expect(readCsvColumn(csv, defaults).column).toBe('Text');
    expect(readCsvColumn('only\nhello\n', defaults).rows).toEqual([[1, 'hello']]);
  });

  it('reports rows with an empty, missing or over-long cell as rejected, keeping row numbers', () => {
    const csv = ['text,n', 'first,1', ',2', '   ,3', 'x'.repeat(30) + ',4', 'last,5', ''].join('\n');
    const result = readCsvColumn(csv, { ...defaults, maxTextChars: 20 });
    expect(result.rows).toEqual([
      [1, 'first'],
      [5, 'last'],
    ]);
    expect(result.rejected).toEqual([
      { row: 2, reason: 'empty text' },
      { row: 3, reason: 'empty text' },
      { row: 4, reason: 'the text has 30 characters; the limit is 20' },
    ]);
  });

  it('rejects a row whose unquoted comma split the text, instead of keeping half of it', () => {
    const result = readCsvColumn('text\nfine\nI liked it, mostly\n', defaults);
    expect(result.rows).toEqual([[1, 'fine']]);
    expect(result.rejected).toEqual([{ row: 2, reason: 'the row has 2 fields but the header has 1: quote text that contains the delimiter' }]);
  });

  it('keeps a blank line inside the file as a rejected row, but ignores trailing line breaks', () => {
    expect(readCsvColumn('text\na\n\nb\n\n\n', defaults).rejected).toEqual([{ row: 2, reason: 'empty text' }]);
  });

  it('reads files without a header by column position', () => {
    const result = readCsvColumn('1,good\n2,bad\n', { ...defaults, hasHeader: false, column: '2' });
    expect(result).toMatchObject({
      column: '2',
      rows: [
        [1, 'good'],
        [2, 'bad'],
      ],
    });
    expect(failure('1,good\n', { hasHeader: false, column: 'text' }).message).toBe("without a header row, choose the column by its position 1..2 (got 'text')");
  });

  it('answers 422 listing the columns (with samples) when the column is unknown or ambiguous', () => {
    const unknown = failure('id,title,notes\n1,Hello,World\n', { column: 'review' });
    expect(unknown.status).toBe(422);
    expect(unknown.message).toBe("the CSV has no column 'review'; available columns: 'id', 'title', 'notes'");
    expect(unknown.details).toEqual({
      columns: [
        { position: 1, name: 'id', sample: '1' },
        { position: 2, name: 'title', sample: 'Hello' },
        { position: 3, name: 'notes', sample: 'World' },
      ],
    });
    expect(failure('id,title\n1,Hello\n').message).toBe(
      "the CSV has 2 columns: choose the one holding the text with ?column=<name>; available columns: 'id', 'title'",
    );
  });

  it('refuses empty, header-only, unreadable and all-empty files with 422, and too many rows with 413', () => {
    expect(failure('').message).toMatch(/^the CSV is empty/);
    expect(failure('text\n').message).toBe('the CSV has a header but no data rows');
    expect(failure('text\n"unterminated\n').message).toMatch(/^the CSV cannot be read: /);
    expect(failure('text,n\n,1\n,2\n').message).toBe("no row has text in column 'text' (2 rows rejected, e.g. row 1: empty text)");
    const tooMany = failure('text\na\nb\nc\n', { maxRows: 2 });
    expect([tooMany.status, tooMany.message]).toEqual([413, 'the CSV has 3 data rows; the limit is 2 per upload: split the file']);
  });

  it('ignores a UTF-8 byte order mark before the header', () => {
    expect(readCsvColumn('\ufefftext\nhi\n', { ...defaults, column: 'text' }).rows).toEqual([[1, 'hi']]);
  });
});
