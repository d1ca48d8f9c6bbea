import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { workspaceRoot } from '@matrix/paths';
import { parse, stringify } from 'yaml';

export interface ManifestModel {
  id: string;
  task: string;
}

/**
 * A copy of the offline model manifest (libs/model-loading/manifests/offline.yaml) with only the
 * models `keep` accepts, in a temp file for the gateway's MODEL_MANIFEST: a test or evaluation
 * then starts the gateway in seconds, spending no CPU on models it never calls. Fails when no
 * model is kept (the manifest changed under the caller).
 */
export function offlineManifestWith(keep: (model: ManifestModel) => boolean, what = 'the models asked for'): string {
  const offline = join(workspaceRoot(), 'libs', 'model-loading', 'manifests', 'offline.yaml');
  const manifest = parse(readFileSync(offline, 'utf8')) as { models: ManifestModel[] };
  manifest.models = manifest.models.filter(keep);
  if (!manifest.models.length) throw new Error(`${offline} no longer lists ${what}`);
  const path = join(mkdtempSync(join(tmpdir(), 'gateway-manifest-')), 'manifest.yaml');
  writeFileSync(path, stringify(manifest));
  return path;
}

/** The offline manifest's image models (classifier, detector, zero-shot): what the image tagger calls. */
export function imageModelsManifest(): string {
  return offlineManifestWith(
    (m) => m.task.startsWith('image-') || m.task === 'object-detection' || m.task === 'zero-shot-image-classification',
    'an image model',
  );
}
