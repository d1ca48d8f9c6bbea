import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { workspaceRoot } from '@matrix/paths';
import { parse, stringify } from 'yaml';

/**
 * A model manifest with only the USE embedding model of the offline manifest (product heads run
 * on it): a gateway started with it is ready in seconds instead of loading image models a text
 * product never uses. Returns the path of the manifest (in a fresh temp folder).
 */
export function embeddingOnlyManifest(): string {
  const offline = join(workspaceRoot(), 'libs', 'model-loading', 'manifests', 'offline.yaml');
  const manifest = parse(readFileSync(offline, 'utf8')) as { models: Array<{ id: string }> };
  manifest.models = manifest.models.filter((model) => model.id === 'use-lite-en');
  if (manifest.models.length !== 1) throw new Error(`${offline} no longer lists use-lite-en`);
  const path = join(mkdtempSync(join(tmpdir(), 'embedding-manifest-')), 'manifest.yaml');
  writeFileSync(path, stringify(manifest));
  return path;
}
