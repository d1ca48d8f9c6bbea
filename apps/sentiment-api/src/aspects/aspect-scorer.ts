import { Inject, Injectable } from '@nestjs/common';
import type { Priority } from '@matrix/gateway-client';
import { ApiError } from '@matrix/product-server';
import type { AspectResult } from '@matrix/sentiment-contract';
import { aspectContext } from '@matrix/sentiment-model';
import { SENTIMENT_CONFIG, type SentimentConfig } from '../config/sentiment-config';
import { labelForProbabilities, scoreFromProbabilities } from '../scoring/label-rules';
import { SentimentScorer } from '../scoring/sentiment-scorer';
import { threeClassProbabilities } from '../scoring/three-class-output';
import { extractAspects, type AspectSpan } from './aspect-extractor';

export interface ScoredAspects {
  aspects: AspectResult[];
  model: string;
  /** The aspect head's version; null when there was nothing to score. */
  modelVersion: string | null;
}

/**
 * Targeted sentiment: the polarity toward each aspect span, read by the aspect head (gateway) from
 * the aspect's clause (aspectContext: its sentence cut at "but", "although", …), identical clauses
 * sent once. Aspects are given (spans) or found (wink-nlp noun phrases).
 */
@Injectable()
export class AspectScorer {
  constructor(
    private readonly scorer: SentimentScorer,
    @Inject(SENTIMENT_CONFIG) private readonly config: SentimentConfig,
  ) {}

  /** The aspects found in `text` and the sentiment toward each. */
  async extractAndScore(text: string, priority: Priority): Promise<ScoredAspects> {
    return this.score(text, extractAspects(text), priority);
  }

  async score(text: string, spans: readonly AspectSpan[], priority: Priority): Promise<ScoredAspects> {
    const model = this.config.aspectModel;
    if (!model) throw new ApiError(501, 'targets_disabled', 'targeted sentiment is off on this server (SENTIMENT_ASPECT_MODEL=none)');
    if (spans.length === 0) return { aspects: [], model, modelVersion: null };
    const contexts = spans.map((span) => aspectContext(text, span.start, span.end));
    const unique = [...new Set(contexts.map((c) => c.text))];
    const responses = await this.scorer.classifyWith(unique, priority, model);
    const results = responses.flatMap((r) => r.results);
    const byContext = new Map(unique.map((c, i) => [c, threeClassProbabilities(results[i].scores, model)]));
    const aspects = spans.map((span, i): AspectResult => {
      const p = byContext.get(contexts[i].text) as ReturnType<typeof threeClassProbabilities>;
      return {
        text: span.text,
        start: span.start,
        end: span.end,
        context: { start: contexts[i].start, end: contexts[i].end },
        label: labelForProbabilities(p),
        score: scoreFromProbabilities(p.positive, p.negative),
      };
    });
    return { aspects, model, modelVersion: responses[0].version };
  }
}
