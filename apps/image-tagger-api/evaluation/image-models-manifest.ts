import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { workspaceRoot } from '@matrix/paths';
import { parse, stringify } from 'yaml';

/**
 * The offline model manifest without its text models: the gateway then starts in seconds and
 * spends no CPU on models the image tagger never calls (evaluation and e2e tests).
 */
export function imageModelsManifest(): string {
  const offline = join(workspaceRoot(), 'libs', 'model-loading', 'manifests', 'offline.yaml');
  const manifest = parse(readFileSync(offline, 'utf8')) as { models: Array<{ id: string; task: string }> };
  manifest.models = manifest.models.filter((model) => model.task.startsWith('image-') || model.task === 'object-detection' || model.task === 'zero-shot-image-classification');
  if (!manifest.models.some((m) => m.task === 'image-classification')) throw new Error(`${offline} no longer lists an image classifier`);
  const path = join(mkdtempSync(join(tmpdir(), 'image-tagger-manifest-')), 'manifest.yaml');
  writeFileSync(path, stringify(manifest));
  return path;
}
