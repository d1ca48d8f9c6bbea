import { Injectable } from '@nestjs/common';
import { ProductMetrics } from '@matrix/product-server';
import { Counter, Histogram } from 'prom-client';

/** The product's own Prometheus series, on the app's registry (scraped at /metrics). */
@Injectable()
export class SentimentMetrics {
  readonly analyses: Counter<'label' | 'via'>;
  readonly sentencesPerText: Histogram;
  readonly jobs: Counter<'status'>;

  constructor(metrics: ProductMetrics) {
    const registers = [metrics.registry];
    this.analyses = new Counter({
      name: 'sentiment_analyses_total',
      help: 'Texts analysed and stored, by label and entry point (analyze, batch, csv)',
      labelNames: ['label', 'via'] as const,
      registers,
    });
    this.sentencesPerText = new Histogram({
      name: 'sentiment_sentences_per_text',
      help: 'Sentences per analysed text',
      buckets: [1, 2, 3, 5, 10, 20, 50, 100, 500],
      registers,
    });
    this.jobs = new Counter({ name: 'sentiment_jobs_finished_total', help: 'CSV jobs finished, by final status', labelNames: ['status'] as const, registers });
  }

  countAnalyses(analyses: Array<{ label: string; sentences: unknown[] }>, via: 'analyze' | 'batch' | 'csv'): void {
    for (const analysis of analyses) {
      this.analyses.inc({ label: analysis.label, via });
      this.sentencesPerText.observe(analysis.sentences.length);
    }
  }
}
