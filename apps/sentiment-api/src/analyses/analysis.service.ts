import { Injectable } from '@nestjs/common';
import { withTransaction, type DbClient } from '@matrix/db';
import { InjectDb } from '@matrix/product-server';
import { SentimentMetrics } from '../observability/sentiment-metrics';
import { SentimentScorer } from '../scoring/sentiment-scorer';
import type { Analysis } from './analysis-dto';
import { AnalysisStore } from './analysis-store';

/** Analyse and store: the gateway first (no transaction open while it works), then one transaction. */
@Injectable()
export class AnalysisService {
  constructor(
    private readonly scorer: SentimentScorer,
    private readonly store: AnalysisStore,
    @InjectDb() private readonly db: DbClient,
    private readonly metrics: SentimentMetrics,
  ) {}

  async analyze(texts: string[], source: string | null, via: 'analyze' | 'batch'): Promise<Analysis[]> {
    const scored = await this.scorer.score(texts, 'interactive');
    // All or nothing: a batch is stored whole or not at all (one row is one INSERT, atomic by itself).
    const stored = scored.length === 1 ? await this.store.insert(this.db, scored, { source }) : await withTransaction(this.db, (tx) => this.store.insert(tx, scored, { source }));
    this.metrics.countAnalyses(stored, via);
    return stored;
  }
}
