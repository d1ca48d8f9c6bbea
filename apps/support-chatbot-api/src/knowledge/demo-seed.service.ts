import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { CHATBOT_CONFIG, type ChatbotConfig } from '../config/chatbot-config';
import { loadDemoKnowledgeBase } from './demo-knowledge-base';
import { KnowledgeBaseService } from './knowledge-base.service';

/** On first start (an empty knowledge base) imports the shipped demo bank knowledge base, so the bot answers from minute one. */
@Injectable()
export class DemoSeedService implements OnApplicationBootstrap {
  private readonly logger = new Logger('DemoSeed');
  private done: Promise<void> = Promise.resolve();

  constructor(
    private readonly kb: KnowledgeBaseService,
    @Inject(CHATBOT_CONFIG) private readonly config: ChatbotConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.seedKnowledgeBase) return;
    this.done = this.seed().catch((error: Error) => this.logger.error(`seeding the demo knowledge base failed: ${error.message}`));
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
    this.logger.log(`seeded the demo bank knowledge base: ${result.created} articles${result.pending ? ` (${result.pending} wait for the gateway to embed them)` : ''}`);
  }
}
