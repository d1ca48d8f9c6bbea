import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { loadSst2 } from '@matrix/datasets';
import type { DbClient } from '@matrix/db';
import {
  demoDataEnabled,
  installDemoData,
  InjectDb,
  PRODUCT_ENV,
  ProductJobs,
  ReadinessRegistry,
  retryWithBackoff,
  type DemoDataSpec,
  worthWaitingFor,
  type JobContext,
} from '@matrix/product-server';
import { AnalysisStore } from '../analyses/analysis-store';
import { SentimentScorer } from '../scoring/sentiment-scorer';
import { JOB_PRODUCT } from '../uploads/csv-job';
import { pickDemoTexts } from './demo-texts';

/** The source of the demo analyses (History can filter on it; a person tells them from their own). */
export const DEMO_SOURCE = 'demo';
/** How long the demo job waits for the gateway and the model before it gives up. */
/** Waiting for the model is normal at startup: logged as info for the first tries (about a minute), then as a warning. */
const QUIET_RETRIES = 6;
const WAIT_FOR_MODEL_MS = 15 * 60_000;

/**
 * First start of the embedded default: a dozen SST-2 movie-review sentences analysed and stored (source "demo"),
 * so History and the dashboard are not empty for a first visitor. One background job, queued once on an empty
 * database, waiting with backoff until the gateway serves the model; SENTIMENT_DEMO_DATA=0 turns it off.
 */
@Injectable()
export class SentimentDemo implements OnModuleInit {
  private readonly logger = new Logger('DemoData');
  private readonly spec: DemoDataSpec;

  constructor(
    @InjectDb() private readonly db: DbClient,
    private readonly jobs: ProductJobs,
    private readonly readiness: ReadinessRegistry,
    private readonly scorer: SentimentScorer,
    private readonly store: AnalysisStore,
    @Inject(PRODUCT_ENV) env: NodeJS.ProcessEnv,
  ) {
    this.spec = {
      product: JOB_PRODUCT,
      enabled: demoDataEnabled(env, 'SENTIMENT_DEMO_DATA'),
      hasData: async () => (await this.db.sentimentAnalysis.count()) > 0,
    };
  }

  async onModuleInit(): Promise<void> {
    if ((await installDemoData({ db: this.db, jobs: this.jobs, readiness: this.readiness }, this.spec, { run: (context) => this.run(context) })) === 'queued')
      this.logger.log('empty database: a few demo texts will be analysed in the background');
  }

  private async run(context: JobContext): Promise<object> {
    const jobId = context.job.id;
    const texts = pickDemoTexts(loadSst2('dev'));
    // Rows of a resumed job that are already stored are not analysed twice (unique jobId + rowNumber).
    const stored = await this.store.storedRowNumbers(jobId);
    const todo = texts.map((text, i) => ({ text, row: i + 1 })).filter((t) => !stored.has(t.row));
    await context.progress(stored.size, texts.length);
    if (todo.length) {
      const scored = await retryWithBackoff(
        () =>
          this.scorer.score(
            todo.map((t) => t.text),
            'bulk',
          ),
        {
          giveUpAfterMs: WAIT_FOR_MODEL_MS,
          retryable: worthWaitingFor,
          signal: context.signal,
          onRetry: (error, delay, attempt) =>
            this.logger[attempt > QUIET_RETRIES ? 'warn' : 'log'](
              `demo texts: waiting for the model (${error.message}); next try in ${Math.round(delay / 1000)} s`,
            ),
        },
      );
      context.throwIfStopping();
      await this.store.insertAll(scored, { source: DEMO_SOURCE, jobId, rowNumbers: todo.map((t) => t.row) });
    }
    await context.progress(texts.length, texts.length);
    return { demo: true, dataset: 'sst2 dev', analysed: texts.length };
  }
}
