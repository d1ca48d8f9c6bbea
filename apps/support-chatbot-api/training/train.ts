/**
 * Trains the chatbot's intent classifier: an ensemble of two heads,
 *  - an MLP on Universal Sentence Encoder (use-lite-en) embeddings, and
 *  - a linear softmax on hashed word + character n-grams (computed in the gateway from the text),
 * whose probabilities are averaged with a weight tuned on a seeded held-out part of train (never on
 * test), baked into ONE model the gateway serves. Writes apps/support-chatbot-api/model/intent-classifier/<version>/
 * and registers it. `npx nx run support-chatbot-api:train [-- --seed 42 --gateway http://127.0.0.1:8100]`
 */
import { relative } from 'node:path';
import { heldOutSplit, openTrainingGateway, startTrainingRun, trainingLog } from '@matrix/model-training';
import { workspaceRoot } from '@matrix/paths';
import { INTENT_ARTIFACT_NAME } from '../src/model/intent-artifact';
import { registerAndCheckIntentModel } from './check-served-intent';
import { intentFeatures, loadIntentData } from './intent-data';
import { fitFinalMembers, memberSpecs, tuneMembers, type CommonTraining } from './intent-members';
import { intentTestReport } from './intent-test-report';
import { intentTrainingOptions } from './intent-training-options';
import { chooseIntentWeight } from './intent-weights';
import { writeIntentArtifact } from './write-intent-artifact';

const log = trainingLog;

async function main() {
  const options = intentTrainingOptions();
  const { backend, seconds } = await startTrainingRun(log);

  // Data: train rows over their intents; test rows for the report only.
  const data = loadIntentData(options.train, options.test);
  const { train, test, labels } = data;
  log(
    `data: ${train.texts.length} training rows over ${labels.length} intents (${options.train})${test ? `; ${test.texts.length} test rows (${options.test}), reported only` : ''}`,
  );

  const gateway = await openTrainingGateway(options.gateway, 'chatbot-train-store-', log);
  try {
    const features = await intentFeatures(gateway.client, data, options.ngramSpec, log);
    const split = heldOutSplit(train.texts.length, options.heldOut, options.seed);
    const heldOutLabels = split.heldOut.map((i) => train.labels[i]);
    log(`held out ${split.heldOut.length} of ${train.texts.length} rows (seed ${options.seed}) for early stopping and the ensemble weight`);

    // Members: tuned on the rest of train with early stopping on the held-out rows, then the final heads.
    const common: CommonTraining = {
      patience: options.patience,
      batchSize: options.batch,
      labelSmoothing: options.labelSmoothing,
      seed: options.seed,
      classes: labels.length,
      log,
    };
    const members = memberSpecs(options, labels.length, features);
    const tuned = await tuneMembers(members, data, split, common, options.epochs);

    // Weights: the ensemble weight with the best held-out accuracy, and the decision rule's effect there.
    const choice = chooseIntentWeight(tuned, heldOutLabels, labels, options.decision);
    log(
      `held-out accuracy: use ${choice.memberAccuracy[0].toFixed(4)}, ngram ${choice.memberAccuracy[1].toFixed(4)}, ensemble ${choice.accuracy.toFixed(4)} at use weight ${choice.weight}`,
    );
    log(
      `held-out at threshold ${options.decision.threshold} / gap ${options.decision.gap}: ${(choice.notAnsweredRate * 100).toFixed(1)}% not answered (handoff or rephrase), answered accuracy ${choice.answeredAccuracy.toFixed(4)}`,
    );
    const finalModels = await fitFinalMembers(members, tuned, data, split, common, { refit: options.refit, maxEpochs: options.epochs });

    const testReport =
      test && features.testEmb
        ? intentTestReport(finalModels, test, { matrix: features.testEmb.matrix, dim: features.useDim }, options.ngramSpec, choice.weight, labels.length)
        : undefined;
    if (testReport)
      log(
        `test (report only): ensemble accuracy ${testReport.accuracy.toFixed(4)}, macro-F1 ${testReport.macroF1.toFixed(4)}; use ${testReport.members[0].toFixed(4)}, ngram ${testReport.members[1].toFixed(4)}`,
      );

    // Artifact: the heads baked into one model, with its config, model card and metrics.
    const written = await writeIntentArtifact({
      options,
      data,
      features,
      members,
      tuned,
      finalModels,
      choice,
      heldOutRows: heldOutLabels.length,
      testReport,
      common,
      backend,
    });
    log(`wrote ${relative(workspaceRoot(), written.dir)} (${written.artifactBytes} bytes) and latest.json → ${written.config.version}`);

    if (options.register) {
      const check = { members, finalModels, weight: choice.weight, texts: train.texts, sample: split.heldOut.slice(0, 256), labels };
      await registerAndCheckIntentModel(gateway.client, options.out, check, log);
    }
    log(`done in ${seconds().toFixed(0)} s`);
    console.log(
      JSON.stringify({
        model: INTENT_ARTIFACT_NAME,
        version: written.config.version,
        held_out_accuracy: choice.accuracy,
        test_accuracy: testReport?.accuracy,
        test_macro_f1: testReport?.macroF1,
      }),
    );
  } finally {
    await gateway.stop();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
