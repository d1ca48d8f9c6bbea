import { DynamicModule, Module } from '@nestjs/common';
import { PRODUCT_ENV } from '@matrix/product-server';
import { AgentController } from './agent/agent.controller';
import { AnalyticsController } from './analytics/analytics.controller';
import { AnalyticsService } from './analytics/analytics.service';
import { ChatController } from './chat/chat.controller';
import { ConversationService } from './chat/conversation.service';
import { ConversationStore, PrismaConversationStore } from './chat/conversation-store';
import { CHATBOT_CONFIG, loadChatbotConfig } from './config/chatbot-config';
import { ArticlesController } from './knowledge/articles.controller';
import { ArticleStore, PrismaArticleStore } from './knowledge/article-store';
import { DemoSeedService } from './knowledge/demo-seed.service';
import { KnowledgeBaseService } from './knowledge/knowledge-base.service';
import { KnowledgeImporter } from './knowledge/knowledge-importer.service';
import { KnowledgeIndexer } from './knowledge/knowledge-indexer.service';
import { latestIntentArtifact } from './model/intent-artifact';
import { INTENT_ARTIFACT_SOURCE, IntentModelService, type IntentArtifactSource } from './model/intent-model.service';
import { ChatbotMetrics } from './observability/chatbot-metrics';
import { ChatbotPrivacyModule } from './privacy/privacy.module';
import { UnderstandController } from './understanding/understand.controller';
import { UnderstandingService } from './understanding/understanding.service';

export interface SupportChatbotModuleOptions {
  /** Where the intent classifier comes from (default: the artifact `support-chatbot-api:train` wrote). */
  artifactSource?: IntentArtifactSource;
}

/** The support chatbot API; createProductApp() supplies the database, gateway client, health and metrics. */
@Module({})
export class SupportChatbotModule {
  static forRoot(options: SupportChatbotModuleOptions = {}): DynamicModule {
    return {
      module: SupportChatbotModule,
      imports: [ChatbotPrivacyModule],
      controllers: [ChatController, AgentController, ArticlesController, UnderstandController, AnalyticsController],
      providers: [
        { provide: CHATBOT_CONFIG, inject: [PRODUCT_ENV], useFactory: loadChatbotConfig },
        { provide: INTENT_ARTIFACT_SOURCE, useValue: options.artifactSource ?? (() => latestIntentArtifact()) },
        ChatbotMetrics,
        IntentModelService,
        { provide: ArticleStore, useClass: PrismaArticleStore },
        KnowledgeIndexer,
        KnowledgeImporter,
        KnowledgeBaseService,
        DemoSeedService,
        UnderstandingService,
        { provide: ConversationStore, useClass: PrismaConversationStore },
        ConversationService,
        AnalyticsService,
      ],
    };
  }
}
