import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { ManifestIssue, ManifestValidationError, UnknownRuntimeError, UnknownTaskError } from '../errors';
import { formatIssuePath } from './format-issue-path';
import { ImagePreprocessing, imagePreprocessingSchema } from './image-preprocessing';
import { ModelEntry, ModelManifest, modelManifestSchema } from './manifest-schema';
import { IMAGE_TASKS, MODEL_RUNTIMES, MODEL_TASKS } from './vocabulary';

export type ManifestFormat = 'json' | 'yaml';

/**
 * Parses and validates a manifest text. Every problem is reported with its path in the document
 * (`models[2].files[0].sha256: expected 64 hex chars`), all at once, so a start-up fails with the
 * full list rather than one error per restart.
 */
export function parseManifest(text: string, format: ManifestFormat = 'yaml', sourceName?: string): ModelManifest {
  const document = format === 'json' ? parseJson(text, sourceName) : parseYaml(text, sourceName);
  const result = modelManifestSchema.safeParse(document);
  if (result.success) return result.data;
  throw toManifestError(result.error.issues, document, sourceName);
}

/** Reads a `.json`, `.yaml` or `.yml` manifest file. */
export async function loadManifestFile(path: string): Promise<ModelManifest> {
  const format: ManifestFormat = extname(path).toLowerCase() === '.json' ? 'json' : 'yaml';
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ManifestValidationError([{ path: '(file)', message: `cannot read ${path}: ${(error as Error).message}` }]);
  }
  return parseManifest(text, format, basename(path));
}

/** The typed image recipe of an image-task entry, defaults applied; undefined for other tasks. */
export function imagePreprocessingOf(entry: ModelEntry): ImagePreprocessing | undefined {
  if (!IMAGE_TASKS.includes(entry.task)) return undefined;
  return imagePreprocessingSchema.parse(entry.preprocessing ?? {});
}

function parseJson(text: string, sourceName?: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ManifestValidationError([{ path: '(document)', message: `invalid JSON: ${(error as Error).message}` }], sourceName);
  }
}

function parseYaml(text: string, sourceName?: string): unknown {
  const document = parseDocument(text, { prettyErrors: true });
  if (document.errors.length > 0) {
    const issues = document.errors.map((error) => ({
      path: '(document)',
      message: `invalid YAML at line ${error.linePos?.[0].line ?? '?'}: ${error.message.split('\n')[0]}`,
    }));
    throw new ManifestValidationError(issues, sourceName);
  }
  return document.toJS();
}

/** Picks the most specific error class so callers can `catch (e) { if (e instanceof UnknownTaskError) … }`. */
function toManifestError(issues: readonly z.core.$ZodIssue[], document: unknown, sourceName?: string): ManifestValidationError {
  const located: ManifestIssue[] = issues.map((issue) => ({ path: formatIssuePath(issue.path), message: issue.message }));
  const badTask = issues.find((issue) => issue.path.at(-1) === 'task' && issue.code === 'invalid_value');
  if (badTask) return new UnknownTaskError(valueAt(document, badTask.path), MODEL_TASKS, located, sourceName);
  const badRuntime = issues.find((issue) => issue.path.at(-1) === 'runtime' && issue.code === 'invalid_value');
  if (badRuntime) return new UnknownRuntimeError(valueAt(document, badRuntime.path), MODEL_RUNTIMES, located, sourceName);
  return new ManifestValidationError(located, sourceName);
}

function valueAt(document: unknown, path: readonly PropertyKey[]): unknown {
  let value: unknown = document;
  for (const key of path) value = value && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  return value;
}
