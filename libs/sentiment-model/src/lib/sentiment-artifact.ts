import { isAbsolute, join, resolve } from 'node:path';
import { artifactVersions, readLatestArtifact, type VersionedArtifact } from '@matrix/model-artifacts';
import { workspaceRoot } from '@matrix/paths';
import type { HashedNgramSpec } from '@matrix/tokenization';

/** The model name products and the gateway use for the sentiment head. */
export const SENTIMENT_HEAD_NAME = 'sentiment-head';

/** The gateway manifest entry of a head (what GatewayClient.registerModel takes as `config`). */
export interface SentimentHeadConfig {
  version: string;
  task: 'text-classification';
  runtime: 'tfjs-layers';
  labels: { type: 'inline'; values: string[] };
  /**
   * The sentence embedding the head reads, (token heads) the tokenizer of its `input_ids`, and
   * (n-gram heads) the hashed n-grams of its `feature_ids`/`feature_values`.
   */
  preprocessing: { embeddingModel: string; tokenizer?: 'use-sentencepiece'; maxTokens?: number; features?: HashedNgramSpec };
  memoryMb: number;
  description?: string;
  [key: string]: unknown;
}

export type SentimentArtifact = VersionedArtifact<SentimentHeadConfig>;

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
  return readLatestArtifact<SentimentHeadConfig>(dir, {
    name: SENTIMENT_HEAD_NAME,
    what: 'sentiment head',
    trainCommand: 'npx nx run sentiment-api:train',
    modelFiles: ARTIFACT_MODEL_FILES,
  });
}

/** Version folders present, oldest first (names are date-based, so they sort by time). */
export function sentimentHeadVersions(dir: string = sentimentModelDir()): string[] {
  return artifactVersions(dir);
}
