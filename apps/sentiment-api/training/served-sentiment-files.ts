import * as tf from '@tensorflow/tfjs';
import { headBatch, parseHeadPreprocessing } from '@matrix/head-inputs';
import { headInputTensors, layersModelFiles, loadLayersModelFiles, predictPositive, quantizeLayersFiles, type LayersModelFiles } from '@matrix/model-training';
import { loadUseTokenizer } from '@matrix/tokenization';
import { SENTIMENT_HEAD_NAME, type SentimentHeadConfig } from '@matrix/sentiment-model';
import type { SentimentData } from './sentiment-data';

/**
 * The files the gateway will serve and P(positive) of each dev sentence as served: the averaged model
 * quantized, loaded back and fed by input name through @matrix/head-inputs exactly as the gateway
 * does; the embedding head alone is served unquantized.
 */
export async function servedSentimentFiles(
  model: tf.LayersModel,
  averaged: boolean,
  data: SentimentData,
  preprocessing: SentimentHeadConfig['preprocessing'],
): Promise<{ files: LayersModelFiles; devP: Float32Array }> {
  if (!averaged) return { files: await layersModelFiles(model), devP: predictPositive(model, { matrix: data.devEmb.matrix, dim: data.dim }) };
  const files = quantizeLayersFiles(await layersModelFiles(model));
  const reloaded = await loadLayersModelFiles(files);
  const prep = parseHeadPreprocessing(SENTIMENT_HEAD_NAME, { ...preprocessing });
  const embeddings = data.dev.map((_, i) => data.devEmb.matrix.subarray(i * data.dim, (i + 1) * data.dim));
  const fed = headInputTensors(
    reloaded,
    headBatch(
      data.dev.map((r) => r.sentence),
      prep,
      prep.tokens ? await loadUseTokenizer() : undefined,
      embeddings,
    ),
  );
  const devP = tf.tidy(() => (reloaded.predict(fed) as tf.Tensor2D).slice([0, 1], [-1, 1]).dataSync() as Float32Array);
  tf.dispose(fed);
  return { files, devP };
}
