import { isAbsolute, join, resolve } from 'node:path';
import { readLatestArtifact, type VersionedArtifact } from '@matrix/model-artifacts';
import { workspaceRoot } from '@matrix/paths';

/** Folder name of the intent classifier's versions under apps/support-chatbot-api/model. */
export const INTENT_ARTIFACT_NAME = 'intent-classifier';

/** One gateway model of the ensemble: its name, the gateway manifest entry, and the folder of its files. */
export interface EnsembleMember {
  /** The gateway model id (e.g. `banking77-use-head`). */
  model: string;
  /** Weight of its probabilities in the average. */
  weight: number;
  /** Sub-folder of the version folder holding model.json and weights.bin. */
  folder: string;
  /** What GatewayClient.registerModel takes as `config` (version included). */
  gateway: Record<string, unknown> & { version: string };
}

/** config.json of an intent-classifier version: the members and the decision rule tuned with them. */
export interface IntentClassifierConfig {
  version: string;
  /** The intents, in the order of every member's softmax. */
  labels: string[];
  members: EnsembleMember[];
  /** Below `threshold` top-1 probability: hand off; top-1 minus top-2 below `gap`: ask to rephrase. */
  decision: { threshold: number; gap: number };
  [key: string]: unknown;
}

export type IntentArtifact = VersionedArtifact<IntentClassifierConfig>;

/** The files of a member as the gateway wants them (model.json + weights.bin at its root). */
export function memberFiles(artifact: IntentArtifact, member: EnsembleMember): Record<string, Buffer> {
  return {
    'model.json': artifact.files[`${member.folder}/model.json`],
    'weights.bin': artifact.files[`${member.folder}/weights.bin`],
  };
}

/** CHATBOT_MODEL_DIR (absolute or relative to the workspace root), else the shipped folder in the checkout. */
export function intentModelDir(env: NodeJS.ProcessEnv = process.env): string {
  const override = env.CHATBOT_MODEL_DIR?.trim();
  if (override) return isAbsolute(override) ? override : resolve(workspaceRoot(), override);
  return join(workspaceRoot(), 'apps', 'support-chatbot-api', 'model', INTENT_ARTIFACT_NAME);
}

/** The member sub-folders every version has. */
export const MEMBER_FOLDERS = ['use-head', 'ngram-head'] as const;

/** The current trained classifier (latest.json); throws saying how to train one when absent. */
export function latestIntentArtifact(dir: string = intentModelDir()): IntentArtifact {
  return readLatestArtifact<IntentClassifierConfig>(dir, {
    name: INTENT_ARTIFACT_NAME,
    what: 'intent classifier',
    trainCommand: 'npx nx run support-chatbot-api:train',
    modelFiles: MEMBER_FOLDERS.flatMap((folder) => [`${folder}/model.json`, `${folder}/weights.bin`]),
  });
}
