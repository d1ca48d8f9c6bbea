import Papa from 'papaparse';

export interface CsvPreview {
  /** Column names (from the header row, or "Column 1…n" without one). */
  columns: string[];
  /** Values to send as `column=` for each column. */
  values: string[];
  /** Data rows counted by the parser (header excluded). */
  rowCount: number;
  /** First rows, for a preview table. */
  sample: string[][];
}

/** Names that usually hold the text to score, most likely first. */
const TEXT_COLUMN_HINTS = ['text', 'review', 'comment', 'content', 'body', 'message', 'sentence', 'tweet', 'feedback', 'description'];

/**
 * Reads a CSV in the browser to offer its columns before anything is uploaded (the API parses it
 * again; this is only for the picker). Without a header the columns are numbered from 1, which is
 * what the API takes as `column=` then.
 */
export function previewCsv(csv: string, hasHeader: boolean, sampleRows = 5): CsvPreview {
  const parsed = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
  const rows = parsed.data.filter((row) => Array.isArray(row));
  if (rows.length === 0) return { columns: [], values: [], rowCount: 0, sample: [] };
  const width = Math.max(...rows.map((row) => row.length));
  const numbered = Array.from({ length: width }, (_, index) => `Column ${index + 1}`);
  if (hasHeader) {
    const header = rows[0].map((name, index) => name.trim() || `Column ${index + 1}`);
    return { columns: header, values: header, rowCount: rows.length - 1, sample: rows.slice(1, 1 + sampleRows) };
  }
  return { columns: numbered, values: numbered.map((_, index) => String(index + 1)), rowCount: rows.length, sample: rows.slice(0, sampleRows) };
}

/** The column most likely to hold the text: a known name, else the column with the longest values. */
export function guessTextColumn(preview: CsvPreview): string | undefined {
  const lower = preview.columns.map((name) => name.toLowerCase());
  for (const hint of TEXT_COLUMN_HINTS) {
    const index = lower.indexOf(hint);
    if (index >= 0) return preview.values[index];
  }
  if (preview.values.length === 0) return undefined;
  let best = 0;
  let bestLength = -1;
  preview.values.forEach((_, index) => {
    const length = preview.sample.reduce((sum, row) => sum + (row[index]?.length ?? 0), 0);
    if (length > bestLength) {
      best = index;
      bestLength = length;
    }
  });
  return preview.values[best];
}

/** Pasted lines → texts for the batch route: trimmed, blank lines dropped. */
export function linesToTexts(pasted: string): string[] {
  return pasted
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}
