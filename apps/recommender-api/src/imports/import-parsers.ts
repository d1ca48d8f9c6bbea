import Papa from 'papaparse';
import type { RejectedRow } from '../events/event-ingest';

/** A data row of an import: its 1-based line (or CSV record) number and the parsed object. */
export interface ParsedRow {
  row: number;
  value: Record<string, unknown>;
}

export interface ParsedImport {
  rows: ParsedRow[];
  rejected: RejectedRow[];
}

/** The 19 genres of MovieLens 100K's u.genre, in flag order. */
export const MOVIELENS_GENRES = [
  'unknown',
  'Action',
  'Adventure',
  'Animation',
  "Children's",
  'Comedy',
  'Crime',
  'Documentary',
  'Drama',
  'Fantasy',
  'Film-Noir',
  'Horror',
  'Musical',
  'Mystery',
  'Romance',
  'Sci-Fi',
  'Thriller',
  'War',
  'Western',
];

const lines = (text: string) => text.split(/\r?\n/);

/** CSV with a header row; rows numbered from 1 after the header. Empty lines are skipped. */
export function parseCsv(text: string, required: readonly string[]): ParsedImport {
  const parsed = Papa.parse<Record<string, string>>(text.trim(), { header: true, skipEmptyLines: 'greedy', transformHeader: (h) => h.trim() });
  const fields = parsed.meta.fields ?? [];
  const missing = required.filter((name) => !fields.includes(name));
  if (missing.length) throw new Error(`the CSV header must name the column(s) ${missing.join(', ')} (found: ${fields.join(', ') || 'no header'})`);
  const rejected: RejectedRow[] = parsed.errors.filter((e) => e.row !== undefined).map((e) => ({ row: (e.row ?? 0) + 1, reason: `CSV: ${e.message}` }));
  const bad = new Set(rejected.map((r) => r.row));
  const rows = parsed.data.flatMap((value, i) => (bad.has(i + 1) ? [] : [{ row: i + 1, value: value as Record<string, unknown> }]));
  return { rows, rejected };
}

/** Interactions CSV: id?, userId, itemId, type, value?, timestamp? (Unix seconds or ISO 8601). */
export function interactionsFromCsv(text: string): ParsedImport {
  const { rows, rejected } = parseCsv(text, ['userId', 'itemId', 'type']);
  return {
    rejected,
    rows: rows.map(({ row, value }) => {
      const event: Record<string, unknown> = { userId: value.userId, itemId: value.itemId, type: value.type };
      if (typeof value.id === 'string' && value.id.trim()) event.id = value.id;
      if (typeof value.value === 'string' && value.value.trim()) event.value = Number(value.value);
      if (typeof value.timestamp === 'string' && value.timestamp.trim())
        event.timestamp = /^\d+$/.test(value.timestamp.trim()) ? Number(value.timestamp) : value.timestamp.trim();
      return { row, value: event };
    }),
  };
}

/**
 * MovieLens `u.data` lines: user<TAB>item<TAB>rating<TAB>timestamp. Each becomes a rating event
 * with id `ml-<user>-<item>` (so importing the same file twice stores each rating once).
 */
export function interactionsFromMovieLens(text: string): ParsedImport {
  const rows: ParsedRow[] = [];
  const rejected: RejectedRow[] = [];
  lines(text).forEach((line, i) => {
    if (!line.trim()) return;
    const f = line.split('\t');
    if (f.length !== 4 || !f.every((x) => /^\d+$/.test(x.trim()))) {
      rejected.push({ row: i + 1, reason: `expected "user<TAB>item<TAB>rating<TAB>timestamp" (4 whole numbers), got "${line.slice(0, 80)}"` });
      return;
    }
    const [user, item, rating, timestamp] = f.map((x) => x.trim());
    rows.push({
      row: i + 1,
      value: { id: `ml-${user}-${item}`, userId: user, itemId: item, type: 'rating', value: Number(rating), timestamp: Number(timestamp) },
    });
  });
  return { rows, rejected };
}

/** Items CSV: id, title, description?, categories? ("|"-separated). */
export function itemsFromCsv(text: string): ParsedImport {
  const { rows, rejected } = parseCsv(text, ['id', 'title']);
  return {
    rejected,
    rows: rows.map(({ row, value }) => ({
      row,
      value: {
        id: value.id,
        title: value.title,
        description: typeof value.description === 'string' ? value.description : '',
        categories:
          typeof value.categories === 'string' && value.categories.trim()
            ? value.categories
                .split('|')
                .map((c) => c.trim())
                .filter(Boolean)
            : [],
      },
    })),
  };
}

/**
 * MovieLens `u.item` lines (send them as UTF-8): id|title|release|video release|IMDb URL|19 genre
 * flags. The metadata text is the title, genres and release date — what content embeddings read.
 */
export function itemsFromMovieLens(text: string): ParsedImport {
  const rows: ParsedRow[] = [];
  const rejected: RejectedRow[] = [];
  lines(text).forEach((line, i) => {
    if (!line.trim()) return;
    const f = line.split('|');
    const flags = f.slice(5);
    if (f.length !== 5 + MOVIELENS_GENRES.length || flags.some((x) => x !== '0' && x !== '1')) {
      rejected.push({
        row: i + 1,
        reason: `expected id|title|release|video release|url| then ${MOVIELENS_GENRES.length} genre flags (0/1), got ${f.length} fields`,
      });
      return;
    }
    const genres = MOVIELENS_GENRES.filter((_, g) => flags[g] === '1');
    const released = f[2] ? ` Released ${f[2]}.` : '';
    rows.push({ row: i + 1, value: { id: f[0], title: f[1], description: `${f[1]}. Genres: ${genres.join(', ')}.${released}`, categories: genres } });
  });
  return { rows, rejected };
}
