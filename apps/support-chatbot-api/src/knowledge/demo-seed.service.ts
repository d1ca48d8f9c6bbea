import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { ApiError, ReadinessRegistry, retryWithBackoff, type BackoffOptions } from '@matrix/product-server';
import { CHATBOT_CONFIG, type ChatbotConfig } from '../config/chatbot-config';
import { loadDemoKnowledgeBase } from './demo-knowledge-base';
import { KnowledgeBaseService } from './knowledge-base.service';

/** Waits between seed attempts: 1 s doubling to 30 s, for as long as the process runs (the gateway may come up late). */
export const SEED_BACKOFF: BackoffOptions = { initialMs: 1000, maxMs: 30_000 };

/** A refusal of the demo articles themselves (4xx) will not go away by waiting; anything else (gateway down, timeout, 5xx) may. */
function worthRetrying(error: unknown): boolean {
  return !(error instanceof ApiError && error.status < 500);
}

/**
 * On first start (an empty knowledge base) imports the shipped demo bank knowledge base, so the bot answers from
 * minute one. The import embeds through the gateway, which may still be loading its models (or held up by the webs'
 * builds): every failure but a refusal of the articles is tried again with backoff until it succeeds or the API stops.
 */
@Injectable()
export class DemoSeedService implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('DemoSeed');
  private done: Promise<void> = Promise.resolve();
  private state: 'idle' | 'seeding' | 'done' | 'failed' = 'idle';
  private problem?: string;
  private readonly stopping = new AbortController();
  /** Test seam: how long to wait between attempts. */
  backoff: BackoffOptions = SEED_BACKOFF;

  constructor(
    private readonly kb: KnowledgeBaseService,
    private readonly readiness: ReadinessRegistry,
    @Inject(CHATBOT_CONFIG) private readonly config: ChatbotConfig,
  ) {}

  onModuleInit(): void {
    // Not ready while the first-start seed is being written: the bot would answer from an empty knowledge base.
    this.readiness.register('demo-seed', async () =>
      this.state === 'seeding' || (this.config.seedKnowledgeBase && this.state === 'idle')
        ? { ok: false, reason: `seeding the demo knowledge base${this.problem ? ` (retrying: ${this.problem})` : ''}` }
        : this.state === 'failed'
          ? { ok: false, reason: `seeding the demo knowledge base failed: ${this.problem}` }
          : { ok: true },
    );
  }

  onApplicationBootstrap(): void {
    if (!this.config.seedKnowledgeBase) return;
    this.state = 'seeding';
    this.done = this.seed().then(
      () => {
        this.state = 'done';
      },
      (error: Error) => {
        this.state = 'failed';
        this.problem = error.message;
        this.logger.error(`seeding the demo knowledge base failed: ${error.message}`);
      },
    );
  }

  beforeApplicationShutdown(): void {
    this.stopping.abort();
  }

  /** Resolves when the seed (if any) has been written. */
  whenSeeded(): Promise<void> {
    return this.done;
  }

  private seed(): Promise<void> {
    return retryWithBackoff(() => this.seedOnce(), {
      ...this.backoff,
      retryable: worthRetrying,
      signal: this.stopping.signal,
      onRetry: (error, delayMs, attempt) => {
        this.problem = error.message;
        // The gateway still loading at startup is normal: info for the first minute or so, then a warning.
        this.logger[attempt > 6 ? 'warn' : 'log'](
          `seeding the demo knowledge base failed (attempt ${attempt}), trying again in ${Math.round(delayMs / 1000)} s: ${error.message}`,
        );
      },
    });
  }

  private async seedOnce(): Promise<void> {
    await this.kb.whenReady();
    if ((await this.kb.count()) > 0) return;
    const articles = loadDemoKnowledgeBase();
    const result = await this.kb.import(articles);
    this.logger.log(
      `seeded the demo bank knowledge base: ${result.created} articles${result.pending ? ` (${result.pending} wait for the gateway to embed them)` : ''}`,
    );
  }
}
