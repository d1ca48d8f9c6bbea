import { Inject, Injectable } from '@nestjs/common';
import { GatewayClient, GatewayError } from '@matrix/gateway-client';
import { ApiError } from '@matrix/product-server';
import { CHATBOT_CONFIG, type ChatbotConfig } from '../config/chatbot-config';
import type { SearchHit } from '@matrix/chatbot-contract';
import { KnowledgeBaseService } from '../knowledge/knowledge-base.service';
import { IntentModelService } from '../model/intent-model.service';
import { decideIntent, type DecisionRule, type IntentDecision, type IntentScore } from './intent-decision';

/** The passage an answer quotes, and the article it cites. */
export interface Citation {
  articleId: string;
  slug: string;
  title: string;
  chunkId: string;
  heading: string | null;
  text: string;
  /** Cosine similarity of the passage to the question. */
  similarity: number;
}

/** A suggested topic when the bot asks to rephrase. */
export interface Suggestion {
  intent: string;
  articleId: string | null;
  title: string;
}

export type HandoffReason = 'low_confidence' | 'ambiguous' | 'out_of_scope' | 'no_article';

export interface Understanding {
  text: string;
  kind: IntentDecision['kind'];
  reason?: HandoffReason;
  /** Top-1 intent and its (ensemble) probability. */
  intent: string | null;
  confidence: number;
  top: IntentScore[];
  /** Similarity of the nearest passage in the whole knowledge base (the out-of-scope signal). */
  bestSimilarity: number;
  citation?: Citation;
  suggestions?: Suggestion[];
  modelVersion: string;
  /** The question's embedding (kept with unanswered questions to group them). */
  embedding: Float32Array;
}

/** Below this similarity the best passage of another intent is not offered as an answer. */
const FALLBACK_ANSWER_SIMILARITY = 0.6;

/**
 * Question → intent ensemble (one gateway model, its heads averaged inside) + semantic retrieval (gateway embeddings
 * against the knowledge base) → answer with a citation, ask to rephrase, or hand off with a reason.
 * Stateless: the conversation service stores what it returns.
 */
@Injectable()
export class UnderstandingService {
  constructor(
    private readonly gateway: GatewayClient,
    private readonly kb: KnowledgeBaseService,
    private readonly models: IntentModelService,
    @Inject(CHATBOT_CONFIG) private readonly config: ChatbotConfig,
  ) {}

  rule(): DecisionRule {
    const shipped = this.models.classifier().config.decision;
    return { threshold: this.config.threshold ?? shipped.threshold, gap: this.config.gap ?? shipped.gap };
  }

  /** Probabilities of every text over the artifact's labels, from the one served model (its members are averaged inside it). */
  private async classify(texts: string[]): Promise<{ labels: string[]; rows: Float32Array[]; version: string }> {
    let artifact;
    try {
      artifact = this.models.classifier();
    } catch (error) {
      throw new ApiError(503, 'model_not_ready', `the intent classifier is not available: ${(error as Error).message}`, undefined, { 'retry-after': '30' });
    }
    const { labels, model } = artifact.config;
    let answer;
    try {
      answer = await this.gateway.classify(texts, { model });
    } catch (error) {
      if (error instanceof GatewayError && (error.code === 'model_not_found' || error.code === 'model_not_ready' || error.status === 404)) {
        this.models.reportNotServed(error.message);
        throw new ApiError(503, 'model_not_ready', `the intent classifier is not served yet: ${this.models.status().reason ?? error.message}`, undefined, {
          'retry-after': '5',
        });
      }
      throw error;
    }
    const rows = answer.results.map((result) => Float32Array.from(labels, (label) => result.scores[label] ?? 0));
    return { labels, rows, version: artifact.version };
  }

  async understand(texts: string[]): Promise<Understanding[]> {
    const rule = this.rule();
    const [classified, embedded] = await Promise.all([this.classify(texts), this.kb.embed(texts)]);
    return Promise.all(texts.map((text, i) => this.decide(text, classified.rows[i], classified.labels, embedded.vectors[i], rule, classified.version)));
  }

  private async decide(
    text: string,
    probabilities: Float32Array,
    labels: string[],
    embedding: Float32Array,
    rule: DecisionRule,
    modelVersion: string,
  ): Promise<Understanding> {
    const decision = decideIntent(probabilities, labels, rule);
    const [global] = await this.kb.searchVector(embedding, { k: 1 });
    const bestSimilarity = global?.score ?? -1;
    const base = {
      text,
      intent: decision.top[0]?.intent ?? null,
      confidence: decision.top[0]?.score ?? 0,
      top: decision.top,
      bestSimilarity,
      modelVersion,
      embedding,
    };
    if (bestSimilarity < this.config.minSimilarity) return { ...base, kind: 'handoff', reason: 'out_of_scope' };
    if (decision.kind === 'handoff') return { ...base, kind: 'handoff', reason: 'low_confidence' };
    if (decision.kind === 'clarify') return { ...base, kind: 'clarify', reason: 'ambiguous', suggestions: await this.suggestions(decision.top.slice(0, 2)) };
    const intent = decision.top[0].intent;
    const [own] = await this.kb.searchVector(embedding, { k: 1, intent });
    // No article for the intent: the nearest passage anywhere, only when it is clearly about the question.
    const hit = own ?? (global && global.score >= FALLBACK_ANSWER_SIMILARITY ? global : undefined);
    if (!hit) return { ...base, kind: 'handoff', reason: 'no_article' };
    const [described] = await this.kb.describeHits([hit]);
    if (!described) return { ...base, kind: 'handoff', reason: 'no_article' };
    return { ...base, kind: 'answer', citation: toCitation(described) };
  }

  private async suggestions(top: IntentScore[]): Promise<Suggestion[]> {
    return Promise.all(
      top.map(async ({ intent }) => {
        const { items } = await this.kb.list({ intent }, { page: 1, pageSize: 1 });
        return { intent, articleId: items[0]?.id ?? null, title: items[0]?.title ?? intent.replace(/_/g, ' ') };
      }),
    );
  }
}

function toCitation(hit: SearchHit): Citation {
  return { articleId: hit.articleId, slug: hit.slug, title: hit.title, chunkId: hit.chunkId, heading: hit.heading, text: hit.text, similarity: hit.score };
}
