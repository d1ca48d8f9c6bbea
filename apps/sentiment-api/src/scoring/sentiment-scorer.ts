import { Inject, Injectable } from '@nestjs/common';
import { GatewayClient, GatewayError, type ClassifyResponse, type Priority } from '@matrix/gateway-client';
import { ApiError } from '@matrix/product-server';
import { GATEWAY_MAX_TEXTS, SENTIMENT_CONFIG, type SentimentConfig } from '../config/sentiment-config';
import { SentimentModelService } from '../model/sentiment-model.service';
import { splitSentences } from '../text/sentence-splitter';
import { labelKeys, polarity } from './head-output';
import { documentSentiment, labelForScore, scoreFromProbabilities, type SentimentLabel } from './label-rules';

export type { SentenceResult } from '@matrix/sentiment-contract';
import type { SentenceResult } from '@matrix/sentiment-contract';

/** The scores of one text, before it is stored. */
export interface ScoredText {
  text: string;
  label: SentimentLabel;
  score: number;
  magnitude: number;
  positiveProbability: number;
  sentences: SentenceResult[];
  model: string;
  modelVersion: string;
}

/**
 * Scores texts through the gateway: every sentence and every whole text (for positiveProbability)
 * in one batched /v1/classify call (split only past the gateway's 256 texts per call), identical
 * strings sent once. Touches no database: callers store the results afterwards, all or nothing.
 */
@Injectable()
export class SentimentScorer {
  constructor(
    private readonly gateway: GatewayClient,
    private readonly models: SentimentModelService,
    @Inject(SENTIMENT_CONFIG) private readonly config: SentimentConfig,
  ) {}

  async score(texts: string[], priority: Priority): Promise<ScoredText[]> {
    const unique = new Map<string, number>();
    const indexOf = (input: string): number => {
      if (!unique.has(input)) unique.set(input, unique.size);
      return unique.get(input) as number;
    };
    const plans = texts.map((text) => {
      const sentences = splitSentences(text);
      return { text, sentences, whole: indexOf(text.trim()), parts: sentences.map((sentence) => indexOf(sentence.text)) };
    });
    const responses = await this.classify([...unique.keys()], priority);
    const results = responses.flatMap((response) => response.results);
    const keys = labelKeys(results[0].scores, this.config.model);
    const scores = results.map((result) => {
      const p = polarity(result.scores, keys);
      return { positive: p.positive, score: scoreFromProbabilities(p.positive, p.negative) };
    });
    const { model, version } = responses[0];
    return plans.map((plan) => {
      const sentences = plan.sentences.map((sentence, i) => {
        const score = scores[plan.parts[i]].score;
        return { text: sentence.text, start: sentence.start, end: sentence.end, label: labelForScore(score), score };
      });
      return { text: plan.text, ...documentSentiment(sentences), positiveProbability: scores[plan.whole].positive, sentences, model, modelVersion: version };
    });
  }

  private async classify(inputs: string[], priority: Priority): Promise<ClassifyResponse[]> {
    const chunks: string[][] = [];
    for (let start = 0; start < inputs.length; start += GATEWAY_MAX_TEXTS) chunks.push(inputs.slice(start, start + GATEWAY_MAX_TEXTS));
    try {
      return await Promise.all(chunks.map((chunk) => this.gateway.classify(chunk, { model: this.config.model, priority })));
    } catch (error) {
      // The gateway lost the model (restart, failed load): say why, and re-register it in the background.
      if (error instanceof GatewayError && (error.code === 'model_not_found' || error.code === 'model_not_ready')) {
        this.models.reportNotServed(error.message);
        const status = this.models.status();
        throw new ApiError(
          503,
          'model_not_ready',
          `the sentiment model '${this.config.model}' is not served yet: ${status.reason ?? error.message}`,
          undefined,
          { 'retry-after': '5' },
        );
      }
      throw error;
    }
  }
}
