/**
 * Trains the sentiment head (MLPs on USE-lite embeddings of all SST-2 train phrases, averaged with a
 * token head on USE subword ids and an n-gram head into one served model), writes a versioned
 * artifact to apps/sentiment-api/model/sentiment-head/<version>/ and registers it with the gateway.
 * `npx nx run sentiment-api:train [-- --epochs 30 --seed 42 --gateway http://127.0.0.1:8100]`
 */
import { relative } from 'node:path';
import { accuracy, bootstrapPairedCi } from '@matrix/evaluation-metrics';
import { openTrainingGateway, predictPositive, startTrainingRun, trainingLog } from '@matrix/model-training';
import { workspaceRoot } from '@matrix/paths';
import { registerAndCheckSentimentHead } from './check-served-sentiment';
import { devScorer } from './dev-scores';
import { trainEmbeddingHead } from './embedding-heads';
import { SENTIMENT_HEAD_NAME } from '@matrix/sentiment-model';
import { loadPhrases, sentimentData } from './sentiment-data';
import { trainSentimentEnsemble } from './sentiment-ensemble';
import { sentimentTrainingOptions } from './sentiment-training-options';
import { servedSentimentFiles } from './served-sentiment-files';
import { sentimentPreprocessing, writeSentimentArtifact } from './write-sentiment-artifact';

const log = trainingLog;

async function main() {
  const options = sentimentTrainingOptions();
  const { backend, seconds } = await startTrainingRun(log);

  const phrases = loadPhrases(options.train, options.dev);
  log(`data: ${phrases.train.length} training phrases (${options.train}), ${phrases.dev.length} dev sentences (${options.dev})`);
  const gateway = await openTrainingGateway(options.gateway, 'sentiment-train-store-', log);
  try {
    // Data: embeddings through the gateway and the held-out split.
    const data = await sentimentData(gateway.client, phrases, { fraction: options.heldOut, seed: options.seed }, log);
    const yTrue = data.dev.map((r) => r.label);
    const scoreDev = devScorer(yTrue);

    // Members: the embedding head; with the token head (on by default) the others and the weights, averaged into one model.
    const head = await trainEmbeddingHead(data, options.head, options.seed, log);
    const headDev = scoreDev(predictPositive(head.model, { matrix: data.devEmb.matrix, dim: data.dim }));
    log(`dev, embedding head alone: accuracy ${headDev.accuracy.toFixed(4)}`);
    const ensemble = options.token ? await trainSentimentEnsemble(head.model, data, { ...options, token: options.token }, scoreDev, log) : undefined;
    const served = ensemble ? ensemble.served : head.model;

    // Scored as served: the saved files loaded back, fed by input name as the gateway does.
    const { files, devP } = await servedSentimentFiles(served, Boolean(ensemble), data, sentimentPreprocessing(options));
    const final = scoreDev(devP);
    const ci = bootstrapPairedCi(yTrue, final.yPred, accuracy, { seed: options.seed });
    log(
      `dev${ensemble ? ', averaged heads as served (quantized)' : ''}: accuracy ${final.accuracy.toFixed(4)} (95% CI ${ci.lower.toFixed(4)}–${ci.upper.toFixed(4)}), macro-F1 ${final.macroF1.toFixed(4)}`,
    );

    // Artifact and model card.
    const dev = { ...final, accuracyCi: [ci.lower, ci.upper] as [number, number] };
    const written = writeSentimentArtifact({ options, data, head, headDev, ensemble, served, files, dev, backend });
    log(`wrote ${relative(workspaceRoot(), written.dir)} (${written.artifactBytes} bytes) and latest.json → ${written.config.version}`);

    if (options.register)
      await registerAndCheckSentimentHead(
        gateway.client,
        written.config,
        files,
        { sentences: data.dev.map((r) => r.sentence), labels: yTrue, accuracy: final.accuracy },
        log,
      );
    log(`done in ${seconds().toFixed(0)} s`);
    // The evaluate-style JSON line a run ends with.
    const summary = {
      model: SENTIMENT_HEAD_NAME,
      version: written.config.version,
      dataset: 'sst2-dev',
      n: data.dev.length,
      accuracy: final.accuracy,
      macro_f1: final.macroF1,
    };
    console.log(JSON.stringify(summary));
  } finally {
    await gateway.stop();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
