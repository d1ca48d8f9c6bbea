import { isAbsolute, join, resolve } from 'node:path';
import { workspaceRoot } from './workspace-root';

/** Reads a directory from an env var; relative values are taken from the workspace root. */
function dirFromEnv(name: string, fallback: string, env: NodeJS.ProcessEnv): string {
  const value = env[name]?.trim();
  if (!value) return fallback;
  return isAbsolute(value) ? value : resolve(workspaceRoot(), value);
}

/** `../shared` beside the checkout: real weights and datasets on these machines (never in the repo). */
export function sharedDir(env: NodeJS.ProcessEnv = process.env): string {
  return dirFromEnv('MATRIX_SHARED_DIR', join(workspaceRoot(), '..', 'shared'), env);
}

/** Local model folder, looked at before any hub (`MODELS_DIR`, default `../shared/models`). */
export function modelsDir(env: NodeJS.ProcessEnv = process.env): string {
  return dirFromEnv('MODELS_DIR', join(sharedDir(env), 'models'), env);
}

/** Root of the labelled datasets (`DATASETS_DIR`, default `../shared/datasets`). */
export function datasetsDir(env: NodeJS.ProcessEnv = process.env): string {
  return dirFromEnv('DATASETS_DIR', join(sharedDir(env), 'datasets'), env);
}
