import { Injectable } from '@nestjs/common';
import { ProductMetrics } from '@matrix/product-server';
import { Counter, Histogram } from 'prom-client';

/** The chatbot's own Prometheus series, on the app's registry (scraped at /metrics). */
@Injectable()
export class ChatbotMetrics {
  /** Bot replies by decision (answer | clarify | handoff) and reason: containment and handoffs live. */
  readonly replies: Counter<'decision' | 'reason'>;
  /** Customer messages kept because the assistant was unavailable. */
  readonly keptMessages: Counter;
  /** Top-1 intent probability of each understood question. */
  readonly confidence: Histogram;

  constructor(metrics: ProductMetrics) {
    const registers = [metrics.registry];
    this.replies = new Counter({
      name: 'chatbot_replies_total',
      help: 'Bot replies by decision (answer, clarify, handoff) and reason',
      labelNames: ['decision', 'reason'] as const,
      registers,
    });
    this.keptMessages = new Counter({
      name: 'chatbot_messages_kept_total',
      help: 'Customer messages kept for later because the inference gateway was unavailable',
      registers,
    });
    this.confidence = new Histogram({
      name: 'chatbot_intent_confidence',
      help: 'Top-1 intent probability of understood questions',
      buckets: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1],
      registers,
    });
  }
}
