import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { workspaceRoot } from '@matrix/paths';

/** The model name products and the gateway use for the sentiment head. */
export const SENTIMENT_HEAD_NAME = 'sentiment-head';

/** The gateway manifest entry of a head (what GatewayClient.registerModel takes as `config`). */
export interface SentimentHeadConfig {
  version: string;
  task: 'text-classification';
  runtime: 'tfjs-layers';
  labels: { type: 'inline'; values: string[] };
  preprocessing: { embeddingModel: string };
  memoryMb: number;
  description?: string;
}

/** `model/sentiment-head/latest.json`: which version folder is current. */
export interface LatestPointer {
  name: string;
  version: string;
}

export interface SentimentArtifact {
  name: string;
  version: string;
  config: SentimentHeadConfig;
  /** Every file of the version folder the gateway needs: model.json and weights.bin. */
  files: Record<string, Buffer>;
}

/** The files registerModel sends; the model card and config stay on this side. */
export const ARTIFACT_MODEL_FILES = ['model.json', 'weights.bin'] as const;

/**
 * The folder holding the sentiment-head versions: env SENTIMENT_MODEL_DIR (absolute, or relative to
 * the workspace root), else apps/sentiment-api/model/sentiment-head in the checkout.
 */
export function sentimentModelDir(env: NodeJS.ProcessEnv = process.env): string {
  const override = env.SENTIMENT_MODEL_DIR?.trim();
  if (override) return isAbsolute(override) ? override : resolve(workspaceRoot(), override);
  return join(workspaceRoot(), 'apps', 'sentiment-api', 'model', SENTIMENT_HEAD_NAME);
}

/**
 * The current trained head (the version latest.json names): its gateway config and files, ready
 * for `GatewayClient.registerModel(artifact.name, artifact.config, artifact.files)`. Throws with the
 * missing path when the artifact is absent or incomplete (run `npx nx run sentiment-api:train`).
 */
export function latestSentimentArtifact(dir: string = sentimentModelDir()): SentimentArtifact {
  const pointerPath = join(dir, 'latest.json');
  if (!existsSync(pointerPath)) throw new Error(`no trained sentiment head: ${pointerPath} is missing (run \`npx nx run sentiment-api:train\`)`);
  const pointer = JSON.parse(readFileSync(pointerPath, 'utf8')) as LatestPointer;
  if (typeof pointer.version !== 'string' || !/^[A-Za-z0-9._-]+$/.test(pointer.version)) {
    throw new Error(`${pointerPath}: "version" must name a version folder, got ${JSON.stringify(pointer.version)}`);
  }
  const versionDir = join(dir, pointer.version);
  const configPath = join(versionDir, 'config.json');
  const missing = ['config.json', ...ARTIFACT_MODEL_FILES].map((f) => join(versionDir, f)).filter((p) => !existsSync(p));
  if (missing.length) throw new Error(`sentiment head ${pointer.version} is incomplete: missing ${missing.join(', ')}`);
  const config = JSON.parse(readFileSync(configPath, 'utf8')) as SentimentHeadConfig;
  if (config.version !== pointer.version) throw new Error(`${configPath}: version ${config.version} does not match latest.json (${pointer.version})`);
  const files = Object.fromEntries(ARTIFACT_MODEL_FILES.map((f) => [f, readFileSync(join(versionDir, f))]));
  return { name: pointer.name ?? SENTIMENT_HEAD_NAME, version: pointer.version, config, files };
}

/** Version folders present, oldest first (names are date-based, so they sort by time). */
export function sentimentHeadVersions(dir: string = sentimentModelDir()): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, 'config.json')))
    .map((e) => e.name)
    .sort(compareVersions);
}

/** `2026-11-26.2` < `2026-11-26.10`: by date, then numerically by the counter. */
export function compareVersions(a: string, b: string): number {
  const [dateA, nA] = a.split('.');
  const [dateB, nB] = b.split('.');
  return dateA === dateB ? Number(nA ?? 0) - Number(nB ?? 0) : dateA < dateB ? -1 : 1;
}
