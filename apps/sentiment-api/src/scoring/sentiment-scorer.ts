import { Inject, Injectable } from '@nestjs/common';
import { GatewayClient, GatewayError, type ClassifyResponse, type Priority } from '@matrix/gateway-client';
import { ApiError } from '@matrix/product-server';
import { GATEWAY_MAX_TEXTS, SENTIMENT_CONFIG, type SentimentConfig } from '../config/sentiment-config';
import { SentimentModelService } from '../model/sentiment-model.service';
import { splitSentences } from '../text/sentence-splitter';
import { labelKeys, polarity } from './head-output';
import { documentSentiment, labelForProbabilities, labelForScore, scoreFromProbabilities, type ClassProbabilities, type SentimentLabel } from './label-rules';
import { decideProbabilities, UNWEIGHTED_FUSION } from './three-class-decision';
import { threeClassProbabilities } from './three-class-output';

export type { SentenceResult } from '@matrix/sentiment-contract';
import type { AspectResult, SentenceResult } from '@matrix/sentiment-contract';

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
  /** The aspects and the sentiment toward each, when the caller asked for them (stored beside the analysis). */
  aspects?: AspectResult[];
}

/**
 * Scores texts through the gateway: every sentence and every whole text (for positiveProbability)
 * in one batched /v1/classify call per model (split only past the gateway's 256 texts per call),
 * identical strings sent once. The binary head gives positiveProbability; with the three-class head
 * configured, the sentences are labelled and scored by the artifact's decision (three-class-decision.ts:
 * fused with the binary head or the three-class head alone, class weights chosen on held-out data;
 * score = P(positive) − P(negative)), else by thresholds on the binary head. Touches no database: callers store the results afterwards, all or nothing.
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
    const inputs = [...unique.keys()];
    const three = this.config.threeClassModel;
    // Both heads in one gateway call: they read the same USE-lite embedding, which the gateway then computes once.
    const [responses, threeResponses] = three
      ? await this.classifyWithHeads(inputs, priority, [this.config.model, three])
      : [await this.classifyWith(inputs, priority, this.config.model), undefined];
    const results = responses.flatMap((response) => response.results);
    const keys = labelKeys(results[0].scores, this.config.model);
    const binary = results.map((result) => polarity(result.scores, keys));
    const probabilities: ClassProbabilities[] | undefined = threeResponses
      ?.flatMap((r) => r.results)
      .map((r, i) =>
        decideProbabilities(binary[i].positive, threeClassProbabilities(r.scores, three as string), this.config.threeClassDecision ?? UNWEIGHTED_FUSION),
      );
    const { model, version } = responses[0];
    return plans.map((plan) => {
      const sentences = plan.sentences.map((sentence, i) => {
        const at = plan.parts[i];
        const p = probabilities?.[at];
        const score = p ? scoreFromProbabilities(p.positive, p.negative) : scoreFromProbabilities(binary[at].positive, binary[at].negative);
        return {
          text: sentence.text,
          start: sentence.start,
          end: sentence.end,
          label: p ? labelForProbabilities(p) : labelForScore(score),
          score,
          probabilities: p,
        };
      });
      const document = documentSentiment(sentences);
      return {
        text: plan.text,
        ...document,
        positiveProbability: binary[plan.whole].positive,
        // The stored sentences carry label and score; the probabilities only decided them.
        sentences: sentences.map((s) => ({ text: s.text, start: s.start, end: s.end, label: s.label, score: s.score })),
        model,
        modelVersion: version,
      };
    });
  }

  /** /v1/classify of `inputs` with one of the API's models, in calls of ≤ 256; a model the gateway lost is a 503 with the reason. */
  async classifyWith(inputs: string[], priority: Priority, modelId: string): Promise<ClassifyResponse[]> {
    return this.explainingLostModel(`the sentiment model '${modelId}'`, () =>
      Promise.all(chunksOf(inputs).map((chunk) => this.gateway.classify(chunk, { model: modelId, priority }))),
    );
  }

  /** Several of the API's heads on the same `inputs`, one /v1/classify call per chunk of ≤ 256: answers per model, each in chunks. */
  async classifyWithHeads(inputs: string[], priority: Priority, modelIds: string[]): Promise<ClassifyResponse[][]> {
    const chunks = await this.explainingLostModel(`the sentiment models ${modelIds.map((id) => `'${id}'`).join(', ')}`, () =>
      Promise.all(chunksOf(inputs).map((chunk) => this.gateway.classifyHeads(chunk, modelIds, { priority }))),
    );
    return modelIds.map((_, m) => chunks.map((chunk) => chunk.heads[m]));
  }

  private async explainingLostModel<T>(what: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      // The gateway lost the model (restart, failed load): say why, and re-register it in the background.
      if (error instanceof GatewayError && (error.code === 'model_not_found' || error.code === 'model_not_ready')) {
        this.models.reportNotServed(error.message);
        const status = this.models.status();
        throw new ApiError(
          503,
          'model_not_ready',
          `${what} ${what.includes(',') ? 'are' : 'is'} not served yet: ${status.reason ?? error.message}`,
          undefined,
          {
            'retry-after': '5',
          },
        );
      }
      throw error;
    }
  }
}

function chunksOf(inputs: string[]): string[][] {
  const chunks: string[][] = [];
  for (let start = 0; start < inputs.length; start += GATEWAY_MAX_TEXTS) chunks.push(inputs.slice(start, start + GATEWAY_MAX_TEXTS));
  return chunks;
}
