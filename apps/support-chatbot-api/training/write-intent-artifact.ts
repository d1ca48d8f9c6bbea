import type * as tf from '@tensorflow/tfjs';
import { relative } from 'node:path';
import { layersModelFiles, nextVersion, writeArtifact } from '@matrix/model-training';
import { workspaceRoot } from '@matrix/paths';
import { INTENT_ARTIFACT_NAME, type IntentClassifierConfig } from '../src/model/intent-artifact';
import { bakeIntentModel, intentClassifierConfig } from './bake-intent-model';
import type { IntentData, IntentFeatures } from './intent-data';
import type { CommonTraining, MemberSpec, TunedMember } from './intent-members';
import { renderIntentModelCard, type MemberReport } from './intent-model-card';
import type { IntentTestReport } from './intent-test-report';
import type { IntentTrainingOptions } from './intent-training-options';
import type { IntentWeightChoice } from './intent-weights';

const MAX_ARTIFACT_BYTES = 2 * 1024 * 1024;

export interface IntentRun {
  options: IntentTrainingOptions;
  data: IntentData;
  features: IntentFeatures;
  members: MemberSpec[];
  tuned: TunedMember[];
  finalModels: tf.LayersModel[];
  choice: IntentWeightChoice;
  heldOutRows: number;
  testReport?: IntentTestReport;
  common: CommonTraining;
  backend: string;
}

/**
 * The artifact: the final heads baked into one served model (bakeIntentModel), its config.json,
 * MODEL_CARD.md and metrics.json, written as a new version that latest.json points at.
 */
export async function writeIntentArtifact(
  run: IntentRun,
): Promise<{ config: IntentClassifierConfig; model: tf.LayersModel; dir: string; artifactBytes: number }> {
  const { options, data, features, members, tuned, finalModels, choice, testReport } = run;
  const classes = data.labels.length;
  const model = bakeIntentModel({ use: finalModels[0], ngram: finalModels[1] }, choice.weight, features.useDim, classes);
  const files = await layersModelFiles(model);
  const artifactBytes = files['model.json'].byteLength + files['weights.bin'].byteLength;
  if (artifactBytes > MAX_ARTIFACT_BYTES)
    throw new Error(`artifact is ${artifactBytes} bytes, over the 2 MiB limit: use fewer --ngram-dims or smaller --use-hidden`);
  const version = nextVersion(options.out);
  const config = intentClassifierConfig({ version, labels: data.labels, decision: options.decision, useWeight: choice.weight, ngramSpec: options.ngramSpec });
  const root = workspaceRoot();
  const memberReports: MemberReport[] = members.map((m, k) => ({
    name: config.members[k].model,
    architecture: `${m.dim} → ${m.shape.hidden.map((h) => `${h} ReLU → dropout ${m.shape.dropout}`).join(' → ')}${m.shape.hidden.length ? ' → ' : ''}${classes} softmax`,
    parameters: finalModels[k].countParams(),
    bestEpoch: tuned[k].result.bestEpoch,
    epochs: tuned[k].result.epochs,
    learningRate: m.lr,
    heldOutAccuracy: choice.memberAccuracy[k],
    testAccuracy: testReport?.members[k],
  }));
  const testFile = options.test ? relative(root, options.test) : '';
  const metrics = {
    held_out: {
      n: run.heldOutRows,
      ensemble_accuracy: choice.accuracy,
      member_accuracy: choice.memberAccuracy,
      weight_grid: choice.grid,
      not_answered_rate: choice.notAnsweredRate,
      answered_accuracy: choice.answeredAccuracy,
    },
    test: testReport
      ? { dataset: testFile, n: data.test?.texts.length, accuracy: testReport.accuracy, macro_f1: testReport.macroF1, member_accuracy: testReport.members }
      : undefined,
  };
  const modelCard = renderIntentModelCard({
    config,
    command: `npx nx run support-chatbot-api:train${process.argv.slice(2).length ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    trainFile: relative(root, options.train),
    trainRows: data.train.texts.length,
    heldOutRows: run.heldOutRows,
    seed: options.seed,
    refit: options.refit,
    members: memberReports,
    ensemble: { weight: choice.weight, heldOutAccuracy: choice.accuracy, notAnsweredRate: choice.notAnsweredRate, answeredAccuracy: choice.answeredAccuracy },
    test: testReport && data.test ? { file: testFile, rows: data.test.texts.length, accuracy: testReport.accuracy, macroF1: testReport.macroF1 } : undefined,
    embedding: {
      model: features.trainEmb.meta.model,
      version: features.trainEmb.meta.version,
      seconds: features.trainEmb.meta.seconds,
      fromCache: features.trainEmb.fromCache,
    },
    backend: run.backend,
    artifactBytes,
    labelSmoothing: run.common.labelSmoothing,
    batchSize: run.common.batchSize,
  });
  const dir = writeArtifact({ dir: options.out, name: INTENT_ARTIFACT_NAME, config, files, modelCard, extraJson: { 'metrics.json': metrics } });
  return { config, model, dir, artifactBytes };
}
