import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { datasetsDir } from '@matrix/paths';
import { DatasetNotFoundError } from './dataset-errors';

/** Where a shipped set lives under the datasets root; resolved at call time so env changes apply. */
export function defaultDatasetPath(...segments: string[]): string {
  return join(datasetsDir(), ...segments);
}

/** Throws `DatasetNotFoundError` unless `path` exists. */
export function requireDatasetPath(path: string): string {
  if (!existsSync(path)) throw new DatasetNotFoundError(path);
  return path;
}

/**
 * Reads a whole text file. A leading byte-order mark is dropped: several sets (Bitext) carry one and
 * it would otherwise stick to the first column name.
 */
export function readDatasetText(path: string, encoding: 'utf8' | 'latin1' = 'utf8'): string {
  requireDatasetPath(path);
  const text = readFileSync(path, encoding);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Splits text into lines (LF or CRLF), dropping the empty string after a final newline. */
export function splitLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Names of the plain files in a folder, sorted, so that loaders return a stable order. */
export function listDatasetFiles(dir: string): string[] {
  requireDatasetPath(dir);
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name)
    .sort();
}
