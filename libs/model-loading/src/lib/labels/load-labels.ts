import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ModelFileMissingError, ModelLoadFailedError } from '../errors';
import type { LabelsSpec } from '../manifest/manifest-schema';

/**
 * The class names of a model, index = output position. `modelDir` is the resolved model folder
 * (for `root: source`), `modelsDir` the MODELS_DIR (for shared label sets such as ImageNet's).
 */
export async function loadLabels(
  modelId: string,
  spec: LabelsSpec | undefined,
  modelDir: string | undefined,
  modelsDir: string,
): Promise<string[] | undefined> {
  if (!spec) return undefined;
  if (spec.type === 'inline') return [...spec.values];
  const base = spec.root === 'models-dir' ? modelsDir : modelDir;
  if (!base) throw new ModelFileMissingError(modelId, spec.path, [], 'labels with root "source" need a local model folder');
  const path = join(base, spec.path);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new ModelFileMissingError(modelId, spec.path, [path]);
  }
  try {
    return parseLabels(text, spec.format);
  } catch (error) {
    throw new ModelLoadFailedError(modelId, path, error);
  }
}

export function parseLabels(text: string, format: 'json-array' | 'json-id2label' | 'lines'): string[] {
  if (format === 'lines')
    return text
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean);
  const value: unknown = JSON.parse(text);
  if (format === 'json-array') {
    if (!Array.isArray(value) || !value.every((label) => typeof label === 'string')) throw new Error('expected a JSON array of strings');
    return value;
  }
  // A bare {"0": "NEGATIVE"} map, or a transformers config.json that holds one under id2label.
  const map = (value as { id2label?: unknown }).id2label ?? value;
  if (!map || typeof map !== 'object') throw new Error('expected an id2label object');
  const entries = Object.entries(map as Record<string, unknown>).map(([index, label]) => [Number(index), label] as const);
  if (entries.some(([index, label]) => !Number.isInteger(index) || typeof label !== 'string'))
    throw new Error('id2label keys must be integers and values strings');
  const labels: string[] = [];
  for (const [index, label] of entries) labels[index] = label as string;
  if (labels.length !== entries.length) throw new Error('id2label indices are not contiguous from 0');
  return labels;
}
