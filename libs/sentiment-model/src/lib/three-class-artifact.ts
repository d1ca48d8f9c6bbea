import { isAbsolute, join, resolve } from 'node:path';
import { readLatestArtifact } from '@matrix/model-artifacts';
import { workspaceRoot } from '@matrix/paths';
import { ARTIFACT_MODEL_FILES, type SentimentArtifact } from './sentiment-artifact';

/** The gateway model name of the three-class (negative / neutral / positive) sentence head. */
export const SENTIMENT_THREE_CLASS_NAME = 'sentiment-3class';

/** Its class order (TweetEval's ids 0/1/2). */
export const THREE_CLASS_HEAD_LABELS = ['negative', 'neutral', 'positive'];

/** env SENTIMENT_THREE_CLASS_MODEL_DIR, else apps/sentiment-api/model/sentiment-3class. */
export function threeClassModelDir(env: NodeJS.ProcessEnv = process.env): string {
  const override = env.SENTIMENT_THREE_CLASS_MODEL_DIR?.trim();
  if (override) return isAbsolute(override) ? override : resolve(workspaceRoot(), override);
  return join(workspaceRoot(), 'apps', 'sentiment-api', 'model', SENTIMENT_THREE_CLASS_NAME);
}

/** The current three-class head (latest.json), ready for registerModel; throws naming what is missing. */
export function latestThreeClassArtifact(dir: string = threeClassModelDir()): SentimentArtifact {
  return readLatestArtifact(dir, {
    name: SENTIMENT_THREE_CLASS_NAME,
    what: 'three-class sentiment head',
    trainCommand: 'npx nx run sentiment-api:train-three-class',
    modelFiles: ARTIFACT_MODEL_FILES,
  });
}

/** The gateway model name of the aspect (targeted) sentiment head: three classes over an aspect's clause. */
export const SENTIMENT_ASPECT_NAME = 'sentiment-aspect';

/** env SENTIMENT_ASPECT_MODEL_DIR, else apps/sentiment-api/model/sentiment-aspect. */
export function aspectModelDir(env: NodeJS.ProcessEnv = process.env): string {
  const override = env.SENTIMENT_ASPECT_MODEL_DIR?.trim();
  if (override) return isAbsolute(override) ? override : resolve(workspaceRoot(), override);
  return join(workspaceRoot(), 'apps', 'sentiment-api', 'model', SENTIMENT_ASPECT_NAME);
}

/** The current aspect head (latest.json), ready for registerModel. */
export function latestAspectArtifact(dir: string = aspectModelDir()): SentimentArtifact {
  return readLatestArtifact(dir, {
    name: SENTIMENT_ASPECT_NAME,
    what: 'aspect sentiment head',
    trainCommand: 'npx nx run sentiment-api:train-aspects',
    modelFiles: ARTIFACT_MODEL_FILES,
  });
}
