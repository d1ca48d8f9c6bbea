import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { ReadinessRegistry } from '@matrix/product-server';
import { CHATBOT_CONFIG, type ChatbotConfig } from '../config/chatbot-config';
import { loadDemoKnowledgeBase } from './demo-knowledge-base';
import { KnowledgeBaseService } from './knowledge-base.service';

/** On first start (an empty knowledge base) imports the shipped demo bank knowledge base, so the bot answers from minute one. */
@Injectable()
export class DemoSeedService implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('DemoSeed');
  private done: Promise<void> = Promise.resolve();
  private state: 'idle' | 'seeding' | 'done' | 'failed' = 'idle';
  private problem?: string;

  constructor(
    private readonly kb: KnowledgeBaseService,
    private readonly readiness: ReadinessRegistry,
    @Inject(CHATBOT_CONFIG) private readonly config: ChatbotConfig,
  ) {}

  onModuleInit(): void {
    // Not ready while the first-start seed is being written: the bot would answer from an empty knowledge base.
    this.readiness.register('demo-seed', async () =>
      this.state === 'seeding' || (this.config.seedKnowledgeBase && this.state === 'idle')
        ? { ok: false, reason: 'seeding the demo knowledge base' }
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

  /** Resolves when the seed (if any) has been written. */
  whenSeeded(): Promise<void> {
    return this.done;
  }

  private async seed(): Promise<void> {
    await this.kb.whenReady();
    if ((await this.kb.count()) > 0) return;
    const articles = loadDemoKnowledgeBase();
    const result = await this.kb.import(articles);
    this.logger.log(
      `seeded the demo bank knowledge base: ${result.created} articles${result.pending ? ` (${result.pending} wait for the gateway to embed them)` : ''}`,
    );
  }
}
