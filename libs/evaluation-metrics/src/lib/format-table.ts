export type TableCell = string | number | boolean | null | undefined;
export type TableRow = Readonly<Record<string, TableCell>>;

export interface FormatTableOptions {
  /** Decimal places for non-integer numbers (default 4). */
  digits?: number;
  /** Column order; default: keys in first-seen order across the rows. */
  columns?: readonly string[];
}

/** A cell as text: integers as is, other numbers to `digits` places, null/undefined as blank. */
export function formatCell(value: TableCell, digits = 4): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NaN';
    return Number.isInteger(value) ? String(value) : value.toFixed(digits);
  }
  return String(value);
}

/**
 * Aligned plain-text table for terminal output: header, dashed rule, one line per row.
 * Numeric columns are right-aligned so decimals line up; text is left-aligned.
 */
export function formatTable(rows: readonly TableRow[], options: FormatTableOptions = {}): string {
  const digits = options.digits ?? 4;
  const columns = options.columns ? [...options.columns] : [...new Set(rows.flatMap((row) => Object.keys(row)))];
  if (columns.length === 0) return '';
  const numeric = columns.map((c) => rows.length > 0 && rows.every((row) => row[c] === undefined || row[c] === null || typeof row[c] === 'number'));
  const cells = rows.map((row) => columns.map((c) => formatCell(row[c], digits)));
  const widths = columns.map((c, j) => Math.max(c.length, ...cells.map((r) => r[j].length)));
  const line = (values: readonly string[]): string =>
    values
      .map((v, j) => (numeric[j] ? v.padStart(widths[j]) : v.padEnd(widths[j])))
      .join('  ')
      .trimEnd();
  return [line(columns), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}
