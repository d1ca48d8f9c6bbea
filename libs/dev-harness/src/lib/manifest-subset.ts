import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { workspaceRoot } from '@matrix/paths';
import { parse, stringify } from 'yaml';

/**
 * A temporary model manifest holding only `modelIds` from the shipped offline manifest
 * (libs/model-loading/manifests/offline.yaml), so a test gateway starts in seconds instead of
 * loading every model. Throws if the offline manifest no longer lists one of them.
 */
export function manifestWithModels(modelIds: readonly string[]): string {
  const offline = join(workspaceRoot(), 'libs', 'model-loading', 'manifests', 'offline.yaml');
  const manifest = parse(readFileSync(offline, 'utf8')) as { models: Array<{ id: string }> };
  const missing = modelIds.filter((id) => !manifest.models.some((model) => model.id === id));
  if (missing.length) throw new Error(`${offline} does not list ${missing.join(', ')}`);
  manifest.models = manifest.models.filter((model) => modelIds.includes(model.id));
  const path = join(mkdtempSync(join(tmpdir(), 'manifest-')), 'manifest.yaml');
  writeFileSync(path, stringify(manifest));
  return path;
}
