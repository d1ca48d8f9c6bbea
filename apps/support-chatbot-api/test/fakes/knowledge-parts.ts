import { ReadinessRegistry } from '@matrix/product-server';
import type { ChatbotConfig } from '../../src/config/chatbot-config';
import { KnowledgeBaseService } from '../../src/knowledge/knowledge-base.service';
import { KnowledgeImporter } from '../../src/knowledge/knowledge-importer.service';
import { KnowledgeIndexer } from '../../src/knowledge/knowledge-indexer.service';
import { FakeArticleStore } from './fake-article-store';
import { FakeGateway } from './fake-gateway';

export const testChatbotConfig: ChatbotConfig = {
  registerModel: false,
  embeddingModel: 'use',
  minSimilarity: 0.5,
  maxMessageChars: 1000,
  ratePerMinute: 100,
  seedKnowledgeBase: false,
  retryMs: 60_000,
  vectorIndex: 'auto',
  kbPollMs: 500,
};

/** The knowledge base's pieces wired as Nest would, on a fake store and a fake gateway. */
export function knowledgeParts(vectors: Record<string, number[]> = {}) {
  const store = new FakeArticleStore();
  const gateway = new FakeGateway(vectors);
  const readiness = new ReadinessRegistry();
  const indexer = new KnowledgeIndexer(store, gateway.client(), readiness, testChatbotConfig);
  const importer = new KnowledgeImporter(store, indexer);
  const kb = new KnowledgeBaseService(store, indexer, importer);
  return { store, gateway, readiness, indexer, importer, kb };
}
