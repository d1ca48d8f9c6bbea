import { Injectable } from '@nestjs/common';
import { ProductMetrics } from '@matrix/product-server';
import { Counter, Histogram } from 'prom-client';

/** The product's own Prometheus series, on the app's registry (scraped at /metrics). */
@Injectable()
export class ImageTaggerMetrics {
  readonly files: Counter<'outcome'>;
  readonly uploadSeconds: Histogram<'stage'>;
  readonly tags: Counter<'source'>;
  readonly reviews: Counter<'status'>;
  readonly jobs: Counter<'status'>;

  constructor(metrics: ProductMetrics) {
    const registers = [metrics.registry];
    this.files = new Counter({
      name: 'image_tagger_upload_files_total',
      help: 'Uploaded files by outcome (created, duplicate, rejected)',
      labelNames: ['outcome'] as const,
      registers,
    });
    this.uploadSeconds = new Histogram({
      name: 'image_tagger_upload_stage_seconds',
      help: 'Time of each stage of an upload request (inspect, tag, store: writing the originals, write: the database)',
      labelNames: ['stage'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.tags = new Counter({ name: 'image_tagger_tags_stored_total', help: 'Machine tags stored, by source', labelNames: ['source'] as const, registers });
    this.reviews = new Counter({ name: 'image_tagger_reviews_total', help: 'Tag reviews by people, by verdict', labelNames: ['status'] as const, registers });
    this.jobs = new Counter({
      name: 'image_tagger_jobs_finished_total',
      help: 'Bulk tagging jobs finished, by final status',
      labelNames: ['status'] as const,
      registers,
    });
  }

  /** Times `work` as one upload stage. */
  async stage<T>(stage: 'inspect' | 'tag' | 'store' | 'write', work: () => Promise<T>): Promise<T> {
    const end = this.uploadSeconds.startTimer({ stage });
    try {
      return await work();
    } finally {
      end();
    }
  }

  countTags(tags: Array<{ source: string }>): void {
    const counts = new Map<string, number>();
    for (const tag of tags) counts.set(tag.source, (counts.get(tag.source) ?? 0) + 1);
    for (const [source, count] of counts) this.tags.inc({ source }, count);
  }
}
