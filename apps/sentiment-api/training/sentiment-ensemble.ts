import type * as tf from '@tensorflow/tfjs';
import { averagedModel, chooseMemberWeights } from '@matrix/model-training';
import type { HashedNgramSpec } from '@matrix/tokenization';
import type { DevScore } from './dev-scores';
import { meanPositive, trainMoreEmbeddingHeads, LABELS } from './embedding-heads';
import { trainNgramStage, type NgramStage } from './ngram-stage';
import type { SentimentData } from './sentiment-data';
import type { SentimentTrainingOptions } from './sentiment-training-options';
import { trainTokenStage, type TokenStage, type TokenStageOptions } from './token-stage';

export interface SentimentEnsemble {
  /** The one model the gateway serves: Σ w · member, inputs by name (averagedModel). */
  served: tf.LayersModel;
  heads: number;
  headsDev: DevScore;
  token: TokenStage & { dev: DevScore; options: TokenStageOptions };
  ngram?: NgramStage & { dev: DevScore; spec: HashedNgramSpec; l2: number };
  /** Member weights: embedding heads, token head[, n-gram head]. */
  weights: number[];
}

/**
 * The members beside the first embedding head: a few more embedding-head seeds, the token head on the
 * same phrases and split, the n-gram head (exact word n-grams, which neither USE nor the subword head
 * keeps apart), and the member weights chosen on the held-out phrases; all averaged into one model.
 */
export async function trainSentimentEnsemble(
  first: tf.LayersModel,
  data: SentimentData,
  options: SentimentTrainingOptions & { token: NonNullable<SentimentTrainingOptions['token']> },
  scoreDev: (p: ArrayLike<number>) => DevScore,
  log: (line: string) => void,
): Promise<SentimentEnsemble> {
  const { seed, head } = options;
  const devSentences = data.dev.map((r) => r.sentence);
  const heads = await trainMoreEmbeddingHeads(first, data, head, seed, log);
  const headsDev = scoreDev(meanPositive(heads, { matrix: data.devEmb.matrix, dim: data.dim }));
  log(`dev, mean of ${heads.length} embedding heads: accuracy ${headsDev.accuracy.toFixed(4)}`);

  const { epochs: tokenEpochs, ...tokenShape } = options.token;
  const tokenOptions: TokenStageOptions = {
    ...tokenShape,
    maxEpochs: tokenEpochs,
    patience: 1,
    batchSize: 128,
    learningRate: head.lr,
    labelSmoothing: head.labelSmoothing,
    seed,
    log,
  };
  const sentences = data.train.map((r) => r.sentence);
  const stage = await trainTokenStage(sentences, data.labels, data.split, tokenOptions);
  log(`token head: ${stage.architecture}; trained in ${stage.result.seconds.toFixed(0)} s, kept epoch ${stage.result.bestEpoch}`);
  const tokenDev = scoreDev(stage.predict(devSentences));
  log(`dev, token head alone: accuracy ${tokenDev.accuracy.toFixed(4)}`);

  let ngram: SentimentEnsemble['ngram'];
  if (options.ngram) {
    const { spec, l2, lr } = options.ngram;
    const headOptions = { maxEpochs: head.epochs, batchSize: head.batch, classes: LABELS.length };
    const ngramStage = await trainNgramStage(sentences, data.labels, data.split, {
      ...headOptions,
      spec,
      l2,
      learningRate: lr,
      labelSmoothing: 0,
      patience: 2,
      seed,
      log,
    });
    ngram = { ...ngramStage, dev: scoreDev(ngramStage.predict(devSentences)), spec, l2 };
    log(`n-gram head: ${ngramStage.architecture}; trained in ${ngramStage.result.seconds.toFixed(0)} s, kept epoch ${ngramStage.result.bestEpoch}`);
    log(`dev, n-gram head alone: accuracy ${ngram.dev.accuracy.toFixed(4)}`);
  }

  const heldOutTexts = data.split.heldOut.map((i) => sentences[i]);
  const chosen = chooseMemberWeights(
    [meanPositive(heads, data.heldOutRows), stage.predict(heldOutTexts), ...(ngram ? [ngram.predict(heldOutTexts)] : [])],
    data.heldOutRows.labels,
  );
  log(
    `member weights (embedding heads, token head${ngram ? ', n-gram head' : ''}): ${chosen.weights.join(', ')} (held-out accuracy of the average ${chosen.accuracy.toFixed(4)})`,
  );
  const served = averagedModel(
    [
      { heads, weight: chosen.weights[0] },
      { heads: [stage.model], weight: chosen.weights[1] },
      ...(ngram ? [{ heads: [ngram.model], weight: chosen.weights[2] }] : []),
    ],
    { embeddingDim: data.dim, name: 'sentiment_ensemble' },
  );
  return { served, heads: heads.length, headsDev, token: { ...stage, dev: tokenDev, options: tokenOptions }, ngram, weights: chosen.weights };
}
