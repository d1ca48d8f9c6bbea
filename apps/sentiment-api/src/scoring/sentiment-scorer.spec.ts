import { GatewayClient, GatewayError, type ClassifyResponse, type MultiHeadClassifyResponse } from '@matrix/gateway-client';
import { ApiError } from '@matrix/product-server';
import type { SentimentConfig } from '../config/sentiment-config';
import type { ModelStatus, SentimentModelService } from '../model/sentiment-model.service';
import { SentimentScorer } from './sentiment-scorer';

const config: SentimentConfig = { model: 'sentiment-head', registerModel: true, jobChunkRows: 32, maxCsvRows: 100 };

/** A gateway stand-in: P(positive) is looked up per text (0.5 when unknown), every call recorded. */
function fakeGateway(pPositive: Record<string, number>, labels = ['negative', 'positive']) {
  const calls: Array<{ texts: string[]; priority?: string }> = [];
  const gateway = {
    classify: async (texts: string[], opts: { priority?: string }): Promise<ClassifyResponse> => {
      calls.push({ texts, priority: opts.priority });
      return {
        model: 'sentiment-head',
        version: '7',
        results: texts.map((t) => {
          const p = pPositive[t] ?? 0.5;
          return { label: p >= 0.5 ? labels[1] : labels[0], score: Math.max(p, 1 - p), scores: { [labels[0]]: 1 - p, [labels[1]]: p } };
        }),
      };
    },
  };
  return { gateway: gateway as unknown as GatewayClient, calls };
}

const models = {
  reportNotServed: () => undefined,
  status: (): ModelStatus => ({ ok: false, model: 'sentiment-head', reason: 'no trained artifact' }),
} as unknown as SentimentModelService;

describe('SentimentScorer', () => {
  it('scores each sentence and the whole text in one call, sending identical strings once', async () => {
    const { gateway, calls } = fakeGateway({ 'Good.': 0.9, 'Bad.': 0.2, 'Good. Bad.': 0.6 });
    const [mixed, single] = await new SentimentScorer(gateway, models, config).score(['Good. Bad.', 'Good.'], 'interactive');
    expect(calls).toEqual([{ texts: ['Good. Bad.', 'Good.', 'Bad.'], priority: 'interactive' }]);
    // Sentence scores 2p − 1: 0.8 and −0.6; weights 5 and 4 characters → (4 − 2.4) / 9.
    expect(mixed.sentences.map((s) => [s.text, s.start, s.end, s.label, +s.score.toFixed(12)])).toEqual([
      ['Good.', 0, 5, 'POSITIVE', 0.8],
      ['Bad.', 6, 10, 'NEGATIVE', -0.6],
    ]);
    expect(mixed.score).toBeCloseTo(1.6 / 9, 12);
    expect(mixed.magnitude).toBeCloseTo(1.4, 12);
    expect(mixed.label).toBe('MIXED');
    expect(mixed.positiveProbability).toBe(0.6); // the whole text's own P(positive)
    expect(single).toMatchObject({ label: 'POSITIVE', positiveProbability: 0.9, model: 'sentiment-head', modelVersion: '7' });
  });

  it('splits past the gateway’s 256 texts per call, keeping results in order', async () => {
    const texts = Array.from({ length: 300 }, (_, i) => `Text number ${i}.`);
    const { gateway, calls } = fakeGateway({ 'Text number 299.': 1 });
    const results = await new SentimentScorer(gateway, models, config).score(texts, 'bulk');
    expect(calls.map((c) => [c.texts.length, c.priority])).toEqual([
      [256, 'bulk'],
      [44, 'bulk'],
    ]);
    expect(results[299]).toMatchObject({ text: 'Text number 299.', label: 'POSITIVE', score: 1 });
    expect(results[0].label).toBe('NEUTRAL');
  });

  it('reads upper-case labels (DistilBERT SST-2: NEGATIVE/POSITIVE)', async () => {
    const { gateway } = fakeGateway({ 'Nice.': 0.75 }, ['NEGATIVE', 'POSITIVE']);
    const [result] = await new SentimentScorer(gateway, models, config).score(['Nice.'], 'interactive');
    expect([result.score, result.label]).toEqual([0.5, 'POSITIVE']);
  });

  it('answers 503 with the known reason when the gateway does not serve the model', async () => {
    const gateway = {
      classify: async () => Promise.reject(new GatewayError("model 'sentiment-head' is not in the model repository", 404, 'model_not_found')),
    } as unknown as GatewayClient;
    const error = (await new SentimentScorer(gateway, models, config).score(['x'], 'interactive').catch((e) => e)) as ApiError;
    expect([error.status, error.code, error.message]).toEqual([
      503,
      'model_not_ready',
      "the sentiment model 'sentiment-head' is not served yet: no trained artifact",
    ]);
  });

  // Fused: P(neutral) from the three-class head, the rest split by the binary head's P(positive).
  it('labels sentences from both heads fused when a three-class head is configured, positiveProbability still from the binary head', async () => {
    const three: Record<string, [number, number, number]> = {
      'The staff were lovely.': [0.05, 0.1, 0.85],
      'Breakfast was cold.': [0.8, 0.15, 0.05],
      'We checked out at noon.': [0.1, 0.8, 0.1],
    };
    const calls: Array<{ models: string[]; texts: string[] }> = [];
    const head = (texts: string[], model: string): ClassifyResponse => {
      if (model === 'sentiment-3class') {
        return {
          model: 'sentiment-3class',
          version: '3',
          results: texts.map((t) => {
            const [negative, neutral, positive] = three[t] ?? [0.3, 0.4, 0.3];
            return { label: 'neutral', score: neutral, scores: { negative, neutral, positive } };
          }),
        };
      }
      const binary: Record<string, number> = { 'The staff were lovely.': 0.95, 'Breakfast was cold.': 0.05, 'We checked out at noon.': 0.6 };
      return {
        model: 'sentiment-head',
        version: '7',
        results: texts.map((t) => {
          const p = binary[t] ?? 0.7;
          return { label: p >= 0.5 ? 'positive' : 'negative', score: Math.max(p, 1 - p), scores: { negative: 1 - p, positive: p } };
        }),
      };
    };
    const gateway = {
      classifyHeads: async (texts: string[], heads: string[]): Promise<MultiHeadClassifyResponse> => {
        calls.push({ models: heads, texts });
        return { heads: heads.map((model) => head(texts, model)) };
      },
    } as unknown as GatewayClient;
    const scorer = new SentimentScorer(gateway, models, { ...config, threeClassModel: 'sentiment-3class' });
    const [review, plain] = await scorer.score(['The staff were lovely. Breakfast was cold.', 'We checked out at noon.'], 'interactive');
    // One gateway call runs both heads (they share the USE-lite embedding there), each text and sentence sent once.
    expect(calls).toEqual([
      {
        models: ['sentiment-head', 'sentiment-3class'],
        texts: ['The staff were lovely. Breakfast was cold.', 'The staff were lovely.', 'Breakfast was cold.', 'We checked out at noon.'],
      },
    ]);
    // staff: n 0.1 → 0.9·0.95 − 0.9·0.05 = 0.81; breakfast: n 0.15 → 0.85·0.05 − 0.85·0.95 = −0.765
    expect(review.sentences.map((s) => [s.label, +s.score.toFixed(6)])).toEqual([
      ['POSITIVE', 0.81],
      ['NEGATIVE', -0.765],
    ]);
    expect(review.label).toBe('MIXED');
    expect(review.positiveProbability).toBe(0.7);
    // noon: n 0.8 → NEUTRAL even though the binary head leans positive (0.6); score 0.2·0.6 − 0.2·0.4 = 0.04
    expect(plain).toMatchObject({ label: 'NEUTRAL', positiveProbability: 0.6, model: 'sentiment-head', modelVersion: '7' });
    expect(plain.score).toBeCloseTo(0.04, 12);
  });
  // Fused: P(neutral) from the three-class head, the rest split by the binary head's P(positive).
  it('follows the configured decision: the three-class head alone, or class weights, change the labels', async () => {
    const three: Record<string, [number, number, number]> = {
      'The staff were lovely.': [0.05, 0.1, 0.85],
      'Breakfast was cold.': [0.8, 0.15, 0.05],
      'We checked out at noon.': [0.1, 0.8, 0.1],
    };
    const calls: Array<{ model: string; texts: string[] }> = [];
    // The scorer asks for both heads in one call (classifyHeads); each head answers as classify would.
    const classify = async (texts: string[], opts: { model: string }): Promise<ClassifyResponse> => {
      calls.push({ model: opts.model, texts });
      if (opts.model === 'sentiment-3class') {
        return {
          model: 'sentiment-3class',
          version: '3',
          results: texts.map((t) => {
            const [negative, neutral, positive] = three[t] ?? [0.3, 0.4, 0.3];
            return { label: 'neutral', score: neutral, scores: { negative, neutral, positive } };
          }),
        };
      }
      const binary: Record<string, number> = { 'The staff were lovely.': 0.95, 'Breakfast was cold.': 0.05, 'We checked out at noon.': 0.6 };
      return {
        model: 'sentiment-head',
        version: '7',
        results: texts.map((t) => {
          const p = binary[t] ?? 0.7;
          return { label: p >= 0.5 ? 'positive' : 'negative', score: Math.max(p, 1 - p), scores: { negative: 1 - p, positive: p } };
        }),
      };
    };
    const gateway = {
      classifyHeads: async (texts: string[], heads: string[]): Promise<MultiHeadClassifyResponse> => ({
        heads: await Promise.all(heads.map((model) => classify(texts, { model }))),
      }),
    } as unknown as GatewayClient;
    // The three-class head alone: its own probabilities, the binary head only gives positiveProbability.
    const alone = new SentimentScorer(gateway, models, {
      ...config,
      threeClassModel: 'sentiment-3class',
      threeClassDecision: { polarity: 'three-class-head', classWeights: { negative: 1, neutral: 1, positive: 1 } },
    });
    const [aloneReview] = await alone.score(['The staff were lovely. Breakfast was cold.'], 'interactive');
    // staff: 0.85 − 0.05 = 0.8 from the three-class head itself (fusion gave 0.81)
    expect(aloneReview.sentences.map((s) => [s.label, +s.score.toFixed(6)])).toEqual([
      ['POSITIVE', 0.8],
      ['NEGATIVE', -0.75],
    ]);
    const weighted = new SentimentScorer(gateway, models, {
      ...config,
      threeClassModel: 'sentiment-3class',
      threeClassDecision: { polarity: 'binary-head', classWeights: { negative: 1, neutral: 6, positive: 1 } },
    });
    // Neutral ×6: breakfast fused [0.8075, 0.15, 0.0425] → neutral 0.9 wins; staff [0.045, 0.1, 0.855] → 0.6 does not.
    const [weightedReview] = await weighted.score(['The staff were lovely. Breakfast was cold.'], 'interactive');
    expect(weightedReview.sentences.map((s) => s.label)).toEqual(['POSITIVE', 'NEUTRAL']);
  });
});
