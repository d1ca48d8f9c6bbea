import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { datasetsDir, modelsDir } from '@matrix/paths';
import { loadModelLoadingSettings, ModelLoadingSettings } from '../settings';

/** A file from ../shared that a test needs: fails loudly (never skips) when CI lacks it. */
export function sharedModelFile(relative: string): string {
  const path = join(modelsDir(), relative);
  if (!existsSync(path)) throw new Error(`test fixture missing: ${path} (expected in MODELS_DIR, see ../shared/models/README.md)`);
  return path;
}

/** A file of ../shared/datasets that a test needs: fails loudly (never skips) when CI lacks it. */
export function sharedDatasetFile(relative: string): string {
  const path = join(datasetsDir(), relative);
  if (!existsSync(path)) throw new Error(`test fixture missing: ${path} (expected in ../shared/datasets, see its README.md)`);
  return path;
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
