import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LatestPointer, SENTIMENT_HEAD_NAME, SentimentHeadConfig, sentimentHeadVersions } from './model-artifact';

/** The next free date-based version for `date` in `dir`: 2026-11-26.1, then .2, … */
export function nextVersion(dir: string, date: Date = new Date()): string {
  const day = date.toISOString().slice(0, 10);
  const taken = sentimentHeadVersions(dir)
    .filter((v) => v.startsWith(`${day}.`))
    .map((v) => Number(v.slice(day.length + 1)))
    .filter(Number.isInteger);
  return `${day}.${taken.length ? Math.max(...taken) + 1 : 1}`;
}

export interface ArtifactToWrite {
  dir: string;
  config: SentimentHeadConfig;
  files: Record<string, Buffer>;
  modelCard: string;
  /** Anything else worth keeping beside the model (metrics, training curve). */
  extraJson?: Record<string, unknown>;
}

/**
 * Writes `<dir>/<version>/` (model files, config.json, MODEL_CARD.md, …) under a temporary name and
 * renames it into place, then points latest.json at it: a failed run never leaves a half version
 * that latest.json could name.
 */
export function writeArtifact(artifact: ArtifactToWrite): string {
  const version = artifact.config.version;
  const finalDir = join(artifact.dir, version);
  if (existsSync(finalDir)) throw new Error(`version ${version} already exists at ${finalDir}`);
  const partial = join(artifact.dir, `.${version}.partial`);
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  for (const [name, bytes] of Object.entries(artifact.files)) writeFileSync(join(partial, name), bytes);
  writeFileSync(join(partial, 'config.json'), `${JSON.stringify(artifact.config, null, 2)}\n`);
  writeFileSync(join(partial, 'MODEL_CARD.md'), artifact.modelCard);
  for (const [name, value] of Object.entries(artifact.extraJson ?? {})) writeFileSync(join(partial, name), `${JSON.stringify(value, null, 2)}\n`);
  renameSync(partial, finalDir);
  const pointer: LatestPointer = { name: SENTIMENT_HEAD_NAME, version };
  writeFileSync(join(artifact.dir, 'latest.json.partial'), `${JSON.stringify(pointer, null, 2)}\n`);
  renameSync(join(artifact.dir, 'latest.json.partial'), join(artifact.dir, 'latest.json'));
  return finalDir;
}
