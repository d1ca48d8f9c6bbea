import { isAbsolute, join, resolve } from 'node:path';
import { readLatestArtifact, type VersionedArtifact } from '@matrix/model-artifacts';
import { workspaceRoot } from '@matrix/paths';

/** Folder name of the intent classifier's versions under apps/support-chatbot-api/model. */
export const INTENT_ARTIFACT_NAME = 'intent-classifier';

/** A head averaged inside the served model, with its weight (reported; the API never combines members itself). */
export interface BakedMember {
  /** The head's name (e.g. `chatbot-intent-use`). */
  model: string;
  /** Weight of its probabilities in the average. */
  weight: number;
  description: string;
}

/** config.json of an intent-classifier version: the one served model, its members, and the decision rule tuned with them. */
export interface IntentClassifierConfig {
  version: string;
  /** The intents, in the order of the model's softmax. */
  labels: string[];
  /** The gateway model id the API classifies with (one model: the members are averaged inside it). */
  model: string;
  /** What GatewayClient.registerModel takes as `config` (version included). */
  gateway: Record<string, unknown> & { version: string };
  members: BakedMember[];
  /** Below `threshold` top-1 probability: hand off; top-1 minus top-2 below `gap`: ask to rephrase. */
  decision: { threshold: number; gap: number };
  [key: string]: unknown;
}

export type IntentArtifact = VersionedArtifact<IntentClassifierConfig>;

/** CHATBOT_MODEL_DIR (absolute or relative to the workspace root), else the shipped folder in the checkout. */
export function intentModelDir(env: NodeJS.ProcessEnv = process.env): string {
  const override = env.CHATBOT_MODEL_DIR?.trim();
  if (override) return isAbsolute(override) ? override : resolve(workspaceRoot(), override);
  return join(workspaceRoot(), 'apps', 'support-chatbot-api', 'model', INTENT_ARTIFACT_NAME);
}

/** The files registerModel sends; the model card and config stay on this side. */
export const INTENT_MODEL_FILES = ['model.json', 'weights.bin'] as const;

/** The current trained classifier (latest.json); throws saying how to train one when absent. */
export function latestIntentArtifact(dir: string = intentModelDir()): IntentArtifact {
  return readLatestArtifact<IntentClassifierConfig>(dir, {
    name: INTENT_ARTIFACT_NAME,
    what: 'intent classifier',
    trainCommand: 'npx nx run support-chatbot-api:train',
    modelFiles: INTENT_MODEL_FILES,
  });
}
