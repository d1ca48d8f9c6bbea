import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { datasetsDir, modelsDir } from '@matrix/paths';
import { loadModelLoadingSettings, ModelLoadingSettings } from '../settings';

/** A file from ../shared that a test needs: fails loudly (never skips) when CI lacks it. */
function sharedFile(root: string, relative: string, where: string): string {
  const path = join(root, relative);
  if (!existsSync(path)) throw new Error(`test fixture missing: ${path} (expected in ${where})`);
  return path;
}

export function sharedModelFile(relative: string): string {
  return sharedFile(modelsDir(), relative, 'MODELS_DIR, see ../shared/models/README.md');
}

export function sharedDatasetFile(relative: string): string {
  return sharedFile(datasetsDir(), relative, '../shared/datasets, see its README.md');
}

export function tempDir(prefix = 'model-loading-'): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Settings as on this offline machine, with caches pointed at `scratch` so tests never touch $HOME. */
export function offlineSettings(scratch: string, overrides: Partial<ModelLoadingSettings> = {}): ModelLoadingSettings {
  return {
    ...loadModelLoadingSettings({ MODELS_DIR: modelsDir() }),
    hubCacheDir: join(scratch, 'hub-cache'),
    hfHome: join(scratch, 'hf-home'),
    ...overrides,
  };
}
