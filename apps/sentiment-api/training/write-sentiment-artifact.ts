import type * as tf from '@tensorflow/tfjs';
import { relative } from 'node:path';
import { nextVersion, writeArtifact, type LayersModelFiles } from '@matrix/model-training';
import { workspaceRoot } from '@matrix/paths';
import type { DevScore } from './dev-scores';
import type { EmbeddingHead } from './embedding-heads';
import { LABELS } from './embedding-heads';
import { renderModelCard } from './model-card';
import { SENTIMENT_HEAD_NAME, type SentimentHeadConfig } from '@matrix/sentiment-model';
import { EMBEDDING_MODEL, type SentimentData } from './sentiment-data';
import type { SentimentEnsemble } from './sentiment-ensemble';
import type { SentimentTrainingOptions } from './sentiment-training-options';

const MAX_ARTIFACT_BYTES = 2 * 1024 * 1024;

/** What the served model reads: the embedding, and with the token head its tokens (and n-grams). */
export function sentimentPreprocessing(options: SentimentTrainingOptions): SentimentHeadConfig['preprocessing'] {
  if (!options.token) return { embeddingModel: EMBEDDING_MODEL };
  return {
    embeddingModel: EMBEDDING_MODEL,
    tokenizer: 'use-sentencepiece',
    maxTokens: options.token.maxTokens,
    ...(options.ngram ? { features: options.ngram.spec } : {}),
  };
}

export interface SentimentRun {
  options: SentimentTrainingOptions;
  data: SentimentData;
  head: EmbeddingHead;
  headDev: DevScore;
  ensemble?: SentimentEnsemble;
  served: tf.LayersModel;
  files: LayersModelFiles;
  dev: DevScore & { accuracyCi: [number, number] };
  backend: string;
}

/** config.json, MODEL_CARD.md and metrics.json of a new version, written beside the model files; latest.json points at it. */
export function writeSentimentArtifact(run: SentimentRun): { config: SentimentHeadConfig; dir: string; artifactBytes: number } {
  const { options, data, head, headDev, ensemble, files, dev } = run;
  const artifactBytes = files['model.json'].byteLength + files['weights.bin'].byteLength;
  if (artifactBytes > MAX_ARTIFACT_BYTES)
    throw new Error(`artifact is ${artifactBytes} bytes, over the 2 MiB limit: use smaller --hidden layers or --table-dim`);
  const version = nextVersion(options.out);
  const config: SentimentHeadConfig = {
    version,
    task: 'text-classification',
    runtime: 'tfjs-layers',
    labels: { type: 'inline', values: LABELS },
    preprocessing: sentimentPreprocessing(options),
    memoryMb: ensemble ? 40 : 5,
    description: ensemble
      ? `MLPs on ${EMBEDDING_MODEL} averaged with a USE-subword token head${ensemble.ngram ? ' and an NB-weighted word n-gram head' : ''} (SST-2 dev accuracy ${dev.accuracy.toFixed(3)})`
      : `MLP sentiment head on ${EMBEDDING_MODEL} (SST-2 dev accuracy ${dev.accuracy.toFixed(3)})`,
  };
  const root = workspaceRoot();
  const modelCard = renderModelCard({
    config,
    command: `npx nx run sentiment-api:train${process.argv.slice(2).length ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    trainFile: relative(root, options.train),
    trainRows: data.trainRows.labels.length,
    heldOutRows: data.heldOutRows.labels.length,
    droppedRows: data.split.dropped.length,
    devFile: relative(root, options.dev),
    devRows: data.dev.length,
    seed: options.seed,
    architecture: head.architecture,
    parameters: run.served.countParams(),
    members: ensemble
      ? {
          embeddingHead: { accuracy: headDev.accuracy, macroF1: headDev.macroF1 },
          embeddingHeads: { count: ensemble.heads, accuracy: ensemble.headsDev.accuracy, macroF1: ensemble.headsDev.macroF1 },
          tokenWeight: ensemble.weights[1],
          tokenHead: {
            accuracy: ensemble.token.dev.accuracy,
            macroF1: ensemble.token.dev.macroF1,
            architecture: ensemble.token.architecture,
            bestEpoch: ensemble.token.result.bestEpoch,
            epochs: ensemble.token.result.epochs,
            seconds: ensemble.token.result.seconds,
          },
          ngramHead: ensemble.ngram
            ? {
                accuracy: ensemble.ngram.dev.accuracy,
                macroF1: ensemble.ngram.dev.macroF1,
                architecture: ensemble.ngram.architecture,
                bestEpoch: ensemble.ngram.result.bestEpoch,
                epochs: ensemble.ngram.result.epochs,
                seconds: ensemble.ngram.result.seconds,
              }
            : undefined,
          weights: ensemble.weights,
        }
      : undefined,
    hyperparameters: head.hyperparameters,
    bestEpoch: head.result.bestEpoch,
    epochs: head.result.epochs,
    dev: { accuracy: dev.accuracy, macroF1: dev.macroF1, accuracyCi: dev.accuracyCi },
    trainingSeconds: head.result.seconds,
    embedding: {
      model: data.trainEmb.meta.model,
      version: data.trainEmb.meta.version,
      seconds: data.trainEmb.meta.seconds,
      fromCache: data.trainEmb.fromCache,
    },
    backend: run.backend,
    artifactBytes,
  });
  const metrics = {
    dataset: 'sst2-dev',
    n: data.dev.length,
    accuracy: dev.accuracy,
    macro_f1: dev.macroF1,
    accuracy_ci95: dev.accuracyCi,
    best_epoch: head.result.bestEpoch,
    training_seconds: head.result.seconds + (ensemble?.token.result.seconds ?? 0) + (ensemble?.ngram?.result.seconds ?? 0),
    epochs: head.result.epochs,
    ...(ensemble
      ? {
          embedding_head_accuracy: headDev.accuracy,
          token_head_accuracy: ensemble.token.dev.accuracy,
          token_epochs: ensemble.token.result.epochs,
          member_weights: ensemble.weights,
        }
      : {}),
    ...(ensemble?.ngram ? { ngram_head_accuracy: ensemble.ngram.dev.accuracy, ngram_epochs: ensemble.ngram.result.epochs } : {}),
  };
  const dir = writeArtifact({ dir: options.out, name: SENTIMENT_HEAD_NAME, config, files, modelCard, extraJson: { 'metrics.json': metrics } });
  return { config, dir, artifactBytes };
}
