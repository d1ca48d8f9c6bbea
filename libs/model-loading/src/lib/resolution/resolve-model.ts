import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ModelFileMissingError } from '../errors';
import type { ModelEntry } from '../manifest/manifest-schema';
import type { ModelLoadingSettings } from '../settings';
import { hubCacheCandidates } from './hub-cache';
import { probeHub } from './hub-probe';
import { npmPackageDir } from './npm-package-dir';

export type ModelLocationKind = 'models-dir' | 'path' | 'npm' | 'hub-cache' | 'hub-download' | 'remote';

export interface ResolvedFile {
  /** As written in the manifest (relative to the model folder). */
  path: string;
  absolutePath: string;
  sha256?: string;
}

/** Where a model's files are; what a runtime needs to load it. */
export interface ResolvedModel {
  modelId: string;
  location: ModelLocationKind;
  /** Absolute model folder; absent for `hub-download` (the runtime downloads) and `remote`. */
  dir?: string;
  /** Absolute path of the file the runtime opens (entrypoint, else files[0]). */
  entryFile?: string;
  files: ResolvedFile[];
  hub?: { id: string; revision: string };
  remote?: { url: string; model: string; version?: string };
  /** Every place looked at, in order: shown in errors and the gateway's model status. */
  searched: string[];
}

export interface ResolveOptions {
  fetchImpl?: typeof fetch;
  /** Where to start the node_modules walk (tests). */
  npmSearchFrom?: readonly string[];
}

interface Candidate {
  location: ModelLocationKind;
  dir: string;
}

/**
 * Finds a model's folder: MODELS_DIR first (an operator can always override a packaged or hub
 * model by dropping files there), then the npm package, then the hub caches, and only when remote
 * models are allowed, the hub itself (probed with a timeout; transformers.js then downloads).
 */
export async function resolveModel(entry: ModelEntry, settings: ModelLoadingSettings, options: ResolveOptions = {}): Promise<ResolvedModel> {
  const source = entry.source;
  if (source.type === 'remote')
    return {
      modelId: entry.id,
      location: 'remote',
      files: [],
      remote: { url: source.url.replace(/\/+$/, ''), model: source.model, version: source.version },
      searched: [source.url],
    };

  const candidates: Candidate[] = [];
  if (source.type === 'local') candidates.push({ location: 'models-dir', dir: join(settings.modelsDir, source.path) });
  if (source.type === 'path') candidates.push({ location: 'path', dir: source.path });
  if (source.type === 'npm') {
    candidates.push({ location: 'models-dir', dir: join(settings.modelsDir, source.package, source.path) });
    const packageDir = npmPackageDir(source.package, options.npmSearchFrom);
    candidates.push({ location: 'npm', dir: packageDir ? join(packageDir, source.path) : `node_modules/${source.package} (not installed)` });
  }
  if (source.type === 'hub') {
    candidates.push({ location: 'models-dir', dir: join(settings.modelsDir, source.id) });
    for (const dir of hubCacheCandidates(source.id, source.revision, settings.hubCacheDir, settings.hfHome)) candidates.push({ location: 'hub-cache', dir });
  }

  const wanted = wantedFiles(entry);
  const searched: string[] = [];
  let firstMissing: string | undefined;
  for (const candidate of candidates) {
    searched.push(candidate.dir);
    const missing = firstMissingFile(candidate.dir, wanted);
    if (missing === undefined) return found(entry, candidate, searched);
    firstMissing ??= missing;
  }

  const describe = firstMissing ?? (wanted[0] || 'model folder');
  if (source.type !== 'hub') throw new ModelFileMissingError(entry.id, describe, searched);
  if (!settings.allowRemoteModels)
    throw new ModelFileMissingError(
      entry.id,
      describe,
      searched,
      `remote models are off; set MATRIX_ALLOW_REMOTE_MODELS=1 to download ${source.id} from ${settings.hubEndpoint}`,
    );
  await probeHub(entry.id, source.id, source.revision, {
    endpoint: settings.hubEndpoint,
    timeoutMs: settings.networkTimeoutMs,
    fetchImpl: options.fetchImpl,
  });
  searched.push(`${settings.hubEndpoint}/${source.id}@${source.revision}`);
  return {
    modelId: entry.id,
    location: 'hub-download',
    files: [],
    hub: { id: source.id, revision: source.revision },
    searched,
  };
}

/** Files that must exist for a folder to count; a transformers.js folder is recognised by its config.json. */
function wantedFiles(entry: ModelEntry): string[] {
  const files = entry.files.map((file) => file.path);
  if (entry.entrypoint && !files.includes(entry.entrypoint)) files.unshift(entry.entrypoint);
  if (files.length === 0 && entry.runtime === 'transformers.js') files.push('config.json');
  return files;
}

function firstMissingFile(dir: string, files: readonly string[]): string | undefined {
  if (!isDirectory(dir)) return files[0] ?? 'model folder';
  return files.find((file) => !existsSync(join(dir, file)));
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function found(entry: ModelEntry, candidate: Candidate, searched: string[]): ResolvedModel {
  const files = entry.files.map((file) => ({ path: file.path, absolutePath: join(candidate.dir, file.path), sha256: file.sha256?.toLowerCase() }));
  const entryRelative = entry.entrypoint ?? entry.files[0]?.path;
  const source = entry.source;
  return {
    modelId: entry.id,
    location: candidate.location,
    dir: candidate.dir,
    entryFile: entryRelative ? join(candidate.dir, entryRelative) : undefined,
    files,
    hub: source.type === 'hub' ? { id: source.id, revision: source.revision } : undefined,
    searched,
  };
}
