import { accuracy } from '@matrix/evaluation-metrics';
import type { GatewayClient } from '@matrix/gateway-client';
import type { LayersModelFiles } from '@matrix/model-training';
import { SENTIMENT_HEAD_NAME, type SentimentHeadConfig } from '@matrix/sentiment-model';

/** Registers the new version and checks /v1/classify on dev agrees with the accuracy measured here (same weights, same embeddings). */
export async function registerAndCheckSentimentHead(
  client: GatewayClient,
  config: SentimentHeadConfig,
  files: LayersModelFiles,
  dev: { sentences: string[]; labels: number[]; accuracy: number },
  log: (line: string) => void,
): Promise<void> {
  const info = await client.registerModel(SENTIMENT_HEAD_NAME, { ...config }, files);
  log(`registered ${info.id}@${info.version} with the gateway: ${info.state}`);
  const served: number[] = [];
  for (let start = 0; start < dev.sentences.length; start += 64) {
    const answer = await client.classify(dev.sentences.slice(start, start + 64), { model: SENTIMENT_HEAD_NAME, priority: 'bulk' });
    if (answer.version !== config.version) throw new Error(`gateway answered with ${answer.model}@${answer.version}, expected ${config.version}`);
    answer.results.forEach((r) => served.push(r.scores.positive >= 0.5 ? 1 : 0));
  }
  const servedAccuracy = accuracy(dev.labels, served);
  log(`gateway /v1/classify on dev: accuracy ${servedAccuracy.toFixed(4)} (local ${dev.accuracy.toFixed(4)})`);
  if (Math.abs(servedAccuracy - dev.accuracy) > 0.005) throw new Error('the served head disagrees with the trained one: check the exported files');
}
