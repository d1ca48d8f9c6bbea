export type CsvValue = string | number | boolean | Date | null | undefined;

// A cell starting with one of these is run as a formula by Excel/LibreOffice/Sheets (CSV injection,
// OWASP): text cells get a leading apostrophe so a spreadsheet shows them as text.
const FORMULA_START = /^[=+\-@\t\r]/;

function cell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value !== 'string') return String(value);
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One RFC 4180 line (CRLF-terminated): quotes cells holding commas, quotes or line breaks. */
export function csvLine(values: CsvValue[]): string {
  return `${values.map(cell).join(',')}\r\n`;
}
