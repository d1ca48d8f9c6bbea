import Papa from 'papaparse';
import { ApiError } from '@matrix/product-server';
import type { ArticleInput } from './article-input';

/** 422 saying what to fix in the uploaded file. */
const invalidImport = (message: string, details?: unknown) => new ApiError(422, 'invalid_import', message, details);

export type ImportFormat = 'markdown' | 'csv' | 'json';

/** A parsed import row before validation, with where it came from (for error messages). */
export interface ImportRow {
  /** e.g. "article 3" or "CSV line 7". */
  where: string;
  value: Record<string, unknown>;
}

const META = /^<!--\s*(intent|category|slug)\s*:\s*(.*?)\s*-->$/i;

/**
 * Markdown: every `# Heading` (level 1) starts an article titled by it; its body runs to the next
 * level-1 heading. Optional lines `<!-- intent: card_arrival -->`, `<!-- category: Cards -->`,
 * `<!-- slug: card-arrival -->` right under the title set those fields. A file without any `#`
 * heading is one article titled by its first line.
 */
export function parseMarkdownArticles(markdown: string): ImportRow[] {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const rows: ImportRow[] = [];
  let current: { title: string; meta: Record<string, string>; body: string[]; line: number } | undefined;
  let inFence = false;
  const flush = () => {
    if (current)
      rows.push({
        where: `article "${current.title}" (line ${current.line})`,
        value: { title: current.title, body: current.body.join('\n').trim(), ...current.meta },
      });
  };
  lines.forEach((line, i) => {
    if (/^(```|~~~)/.test(line.trim())) inFence = !inFence;
    const h1 = !inFence && /^#\s+(.+)$/.exec(line);
    if (h1) {
      flush();
      current = { title: h1[1].trim(), meta: {}, body: [], line: i + 1 };
      return;
    }
    if (!current) {
      if (line.trim() === '') return;
      // No level-1 heading yet: the first line titles the article.
      current = { title: line.replace(/^#+\s*/, '').trim(), meta: {}, body: [], line: i + 1 };
      return;
    }
    const meta = current.body.every((b) => b.trim() === '' || META.test(b.trim())) && META.exec(line.trim());
    if (meta) current.meta[meta[1].toLowerCase()] = meta[2];
    else current.body.push(line);
  });
  flush();
  return rows;
}

/** CSV with a header naming `title` and `body` (optional `intent`, `category`, `slug`); quoted fields may hold line breaks. */
export function parseCsvArticles(csv: string): ImportRow[] {
  const parsed = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: 'greedy', transformHeader: (h) => h.trim().toLowerCase() });
  const fields = parsed.meta.fields ?? [];
  const missing = ['title', 'body'].filter((f) => !fields.includes(f));
  if (missing.length)
    throw invalidImport(`the CSV header must name the columns title and body (missing: ${missing.join(', ')}; found: ${fields.join(', ') || 'none'})`);
  const broken = parsed.errors.find((e) => e.type !== 'FieldMismatch' || e.code !== 'TooFewFields');
  if (broken) throw invalidImport(`CSV row ${(broken.row ?? 0) + 2}: ${broken.message}`);
  return parsed.data.map((record, i) => {
    const value: Record<string, unknown> = {};
    for (const key of ['title', 'body', 'intent', 'category', 'slug']) if (record[key] !== undefined && record[key] !== '') value[key] = record[key];
    return { where: `CSV row ${i + 2}`, value };
  });
}

/** JSON: an array of article objects, or `{ "articles": [...] }`. */
export function parseJsonArticles(json: unknown): ImportRow[] {
  const list = Array.isArray(json)
    ? json
    : json && typeof json === 'object' && Array.isArray((json as { articles?: unknown }).articles)
      ? (json as { articles: unknown[] }).articles
      : undefined;
  if (!list) throw invalidImport('a JSON import must be an array of articles ({title, body, intent?, category?, slug?}) or {"articles": [...]}');
  return list.map((value, i) => {
    if (!value || typeof value !== 'object' || Array.isArray(value)) throw invalidImport(`article ${i + 1} must be an object with title and body`);
    return { where: `article ${i + 1}`, value: value as Record<string, unknown> };
  });
}

/** Rows validated as articles; every problem of every row is reported at once (nothing is imported then). */
export function validateImportRows(
  rows: ImportRow[],
  parse: (value: unknown) => { success: true; data: ArticleInput } | { success: false; error: { issues: Array<{ path: PropertyKey[]; message: string }> } },
): ArticleInput[] {
  const problems: string[] = [];
  const articles: ArticleInput[] = [];
  for (const row of rows) {
    const result = parse(row.value);
    if (result.success) articles.push(result.data);
    else problems.push(...result.error.issues.map((issue) => `${row.where}: ${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}`));
  }
  if (problems.length) {
    throw invalidImport(
      `the import has ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was imported: ${problems.slice(0, 20).join('; ')}${problems.length > 20 ? '; …' : ''}`,
      { problems },
    );
  }
  return articles;
}
