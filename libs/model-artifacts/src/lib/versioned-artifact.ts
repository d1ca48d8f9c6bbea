import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * A trained model kept as versioned folders: `<dir>/<version>/` (model files, config.json — the
 * gateway manifest entry —, MODEL_CARD.md, metrics) and `<dir>/latest.json` naming the current one.
 * Versions are date-based (`2026-11-26.1`, `.2`, …) so they sort by time.
 */

/** The gateway manifest entry a product registers (GatewayClient.registerModel's `config`). */
export interface ArtifactConfig {
  version: string;
  [key: string]: unknown;
}

/** `latest.json`: which version folder is current. */
export interface LatestPointer {
  name: string;
  version: string;
}

export interface VersionedArtifact<C extends ArtifactConfig = ArtifactConfig> {
  name: string;
  version: string;
  config: C;
  /** The model files the gateway needs (e.g. model.json and weights.bin). */
  files: Record<string, Buffer>;
}

export interface ArtifactDescription {
  /** The model name (latest.json's default name). */
  name: string;
  /** Said in errors, e.g. "sentiment head". */
  what: string;
  /** The command that trains one, said when none is there. */
  trainCommand: string;
  /** The files registerModel sends; the model card and config stay on this side. */
  modelFiles: readonly string[];
}

/** `2026-11-26.2` < `2026-11-26.10`: by date, then numerically by the counter. */
export function compareVersions(a: string, b: string): number {
  const [dateA, nA] = a.split('.');
  const [dateB, nB] = b.split('.');
  return dateA === dateB ? Number(nA ?? 0) - Number(nB ?? 0) : dateA < dateB ? -1 : 1;
}

/** Version folders present, oldest first. */
export function artifactVersions(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, 'config.json')))
    .map((e) => e.name)
    .sort(compareVersions);
}

/** The next free date-based version for `date` in `dir`: 2026-11-26.1, then .2, … */
export function nextVersion(dir: string, date: Date = new Date()): string {
  const day = date.toISOString().slice(0, 10);
  const taken = artifactVersions(dir)
    .filter((v) => v.startsWith(`${day}.`))
    .map((v) => Number(v.slice(day.length + 1)))
    .filter(Number.isInteger);
  return `${day}.${taken.length ? Math.max(...taken) + 1 : 1}`;
}

/**
 * The current version (the one latest.json names): its config and model files. Throws with the
 * missing path when the artifact is absent or incomplete, naming the command that trains one.
 */
export function readLatestArtifact<C extends ArtifactConfig>(dir: string, description: ArtifactDescription): VersionedArtifact<C> {
  const pointerPath = join(dir, 'latest.json');
  if (!existsSync(pointerPath)) throw new Error(`no trained ${description.what}: ${pointerPath} is missing (run \`${description.trainCommand}\`)`);
  const pointer = JSON.parse(readFileSync(pointerPath, 'utf8')) as LatestPointer;
  if (typeof pointer.version !== 'string' || !/^[A-Za-z0-9._-]+$/.test(pointer.version)) {
    throw new Error(`${pointerPath}: "version" must name a version folder, got ${JSON.stringify(pointer.version)}`);
  }
  const versionDir = join(dir, pointer.version);
  const configPath = join(versionDir, 'config.json');
  const missing = ['config.json', ...description.modelFiles].map((f) => join(versionDir, f)).filter((p) => !existsSync(p));
  if (missing.length) throw new Error(`${description.what} ${pointer.version} is incomplete: missing ${missing.join(', ')}`);
  const config = JSON.parse(readFileSync(configPath, 'utf8')) as C;
  if (config.version !== pointer.version) throw new Error(`${configPath}: version ${config.version} does not match latest.json (${pointer.version})`);
  const files = Object.fromEntries(description.modelFiles.map((f) => [f, readFileSync(join(versionDir, f))]));
  return { name: pointer.name ?? description.name, version: pointer.version, config, files };
}

export interface ArtifactToWrite {
  dir: string;
  /** The model name written to latest.json. */
  name: string;
  config: ArtifactConfig;
  files: Record<string, Buffer>;
  modelCard: string;
  /** Anything else worth keeping beside the model (metrics, training curve). */
  extraJson?: Record<string, unknown>;
}

/**
 * Writes `<dir>/<version>/` under a temporary name and renames it into place, then points
 * latest.json at it: a failed run never leaves a half version that latest.json could name.
 */
export function writeArtifact(artifact: ArtifactToWrite): string {
  const version = artifact.config.version;
  const finalDir = join(artifact.dir, version);
  if (existsSync(finalDir)) throw new Error(`version ${version} already exists at ${finalDir}`);
  const partial = join(artifact.dir, `.${version}.partial`);
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  for (const [name, bytes] of Object.entries(artifact.files)) {
    // Names may hold a sub-folder (one artifact with several models: `use-head/model.json`).
    mkdirSync(dirname(join(partial, name)), { recursive: true });
    writeFileSync(join(partial, name), bytes);
  }
  writeFileSync(join(partial, 'config.json'), `${JSON.stringify(artifact.config, null, 2)}\n`);
  writeFileSync(join(partial, 'MODEL_CARD.md'), artifact.modelCard);
  for (const [name, value] of Object.entries(artifact.extraJson ?? {})) writeFileSync(join(partial, name), `${JSON.stringify(value, null, 2)}\n`);
  renameSync(partial, finalDir);
  const pointer: LatestPointer = { name: artifact.name, version };
  writeFileSync(join(artifact.dir, 'latest.json.partial'), `${JSON.stringify(pointer, null, 2)}\n`);
  renameSync(join(artifact.dir, 'latest.json.partial'), join(artifact.dir, 'latest.json'));
  return finalDir;
}
