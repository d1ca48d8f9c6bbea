import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { GatewayClient, GatewayError } from '@matrix/gateway-client';
import { ReadinessRegistry } from '@matrix/product-server';
import { CHATBOT_CONFIG, type ChatbotConfig } from '../config/chatbot-config';
import { ArticleStore, type ArticlePassages } from './article-store';
import { chunkMarkdown, passageForEmbedding, type Chunk } from './chunking';
import { InMemoryVectorIndex, type VectorHit, type VectorIndex, type VectorSearch } from './vector-index';

/** Passages embedded per gateway call. */
const EMBED_BATCH = 64;
/** Pending articles embedded per retry round. */
const RETRY_BATCH = 50;
/** In-process index: a full version diff at least this often, even when the watermark did not move. */
const FULL_SYNC_MS = 60_000;

/** An article's passages (at least one: a body without paragraphs is one passage). */
export function articleChunks(body: string): Chunk[] {
  const chunks = chunkMarkdown(body);
  return chunks.length ? chunks : [{ position: 0, heading: null, text: body.trim() }];
}

/**
 * Keeps the knowledge base searchable: chunks articles and embeds their passages through the
 * gateway (passages and questions share one embedding space), mirrors stored passages into the
 * vector index, and re-embeds, on a timer, articles left pending (the gateway was down, or the
 * embedding model changed version).
 */
@Injectable()
export class KnowledgeIndexer implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('KnowledgeBase');
  private index: VectorIndex = new InMemoryVectorIndex();
  private ready: Promise<void> = Promise.resolve();
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private embeddingVersion?: string;
  private lastProblem?: string;
  /** In-process index: the knowledge base as last loaded (watermark, and each article's version). */
  private loaded?: { watermark: string; versions: Map<string, string>; fullAt: number };
  private pollTimer?: NodeJS.Timeout;

  constructor(
    private readonly store: ArticleStore,
    private readonly gateway: GatewayClient,
    private readonly readiness: ReadinessRegistry,
    @Inject(CHATBOT_CONFIG) private readonly config: ChatbotConfig,
  ) {}

  onModuleInit(): void {
    this.readiness.register('knowledge-base', async () => {
      const pending = await this.store.count({ indexStatus: 'pending' });
      const passages = await this.index.size();
      return passages > 0 || pending === 0
        ? { ok: true, detail: `${passages} passages in the ${this.index.kind} index${pending ? `, ${pending} articles waiting to be embedded` : ''}` }
        : { ok: false, reason: `no passage is searchable yet: ${pending} articles wait to be embedded${this.lastProblem ? ` (${this.lastProblem})` : ''}` };
    });
  }

  onApplicationBootstrap(): void {
    this.ready = this.start().catch((error: Error) => this.logger.error(`knowledge base start failed: ${error.message}`));
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    clearTimeout(this.pollTimer);
  }

  /** Resolves once the index is loaded (tests and the answer pipeline wait for it). */
  whenReady(): Promise<void> {
    return this.ready;
  }

  indexKind(): string {
    return this.index.kind;
  }

  /**
   * Opens the vector index, then starts the retry loop. pgvector: the index is the database's, shared
   * by every replica (the store mirrors each write). In process: loads every embedded passage, then
   * polls the knowledge base's watermark (CHATBOT_KB_POLL_MS) and reloads the articles another
   * replica changed.
   */
  async start(): Promise<void> {
    this.index = await this.store.openVectorIndex(this.config.vectorIndex);
    if (this.index.kind === 'memory') {
      // Watermark and versions first: a change made while loading is seen again by the next poll.
      const watermark = await this.store.watermark();
      const versions = await this.store.versions();
      const articles = await this.store.allIndexable();
      for (const article of articles) await this.index.replaceArticle(article.articleId, article.intent, article.passages);
      this.loaded = { watermark, versions, fullAt: Date.now() };
      this.schedulePoll();
    }
    this.logger.log(`vector index (${this.index.kind}): ${await this.index.size()} passages`);
    this.scheduleRetry(0);
  }

  private schedulePoll(): void {
    if (this.stopped) return;
    clearTimeout(this.pollTimer);
    this.pollTimer = setTimeout(
      () =>
        void this.syncWithStore()
          .catch((error: Error) => this.logger.warn(`knowledge base poll failed: ${error.message}`))
          .finally(() => this.schedulePoll()),
      this.config.kbPollMs,
    );
    this.pollTimer.unref();
  }

  /**
   * In process: reloads the articles whose version changed since the last load (another replica's
   * create, edit, re-embedding or delete), when the watermark (article count + latest updatedAt)
   * moved — or every minute regardless, which catches an edit stamped earlier than the latest
   * change by a replica whose clock lags. Returns the articles reloaded or dropped.
   */
  async syncWithStore(): Promise<number> {
    const loaded = this.loaded;
    if (!loaded || this.index.kind !== 'memory') return 0;
    const watermark = await this.store.watermark();
    const full = Date.now() - loaded.fullAt > FULL_SYNC_MS;
    if (watermark === loaded.watermark && !full) return 0;
    const versions = await this.store.versions();
    let changed = 0;
    for (const [id, version] of versions) {
      if (loaded.versions.get(id) === version) continue;
      await this.refresh(id);
      changed++;
    }
    for (const id of loaded.versions.keys()) {
      if (versions.has(id)) continue;
      await this.index.removeArticle(id);
      changed++;
    }
    this.loaded = { watermark, versions, fullAt: full ? Date.now() : loaded.fullAt };
    return changed;
  }

  private scheduleRetry(delay = this.config.retryMs): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.retryPending().finally(() => this.scheduleRetry()), delay);
    this.timer.unref();
  }

  /** Embeds articles left pending (gateway was down, or the embedding model changed version). */
  async retryPending(): Promise<number> {
    try {
      const current = await this.currentEmbeddingVersion();
      if (current && current !== this.embeddingVersion) {
        // A new embedding model version: passages embedded with another one are not comparable.
        const stale = await this.store.markStale({ model: this.config.embeddingModel, version: current });
        if (stale)
          this.logger.warn(`${stale} articles were embedded with another model version; re-embedding them with ${this.config.embeddingModel}@${current}`);
        this.embeddingVersion = current;
      }
      let done = 0;
      for (const article of await this.store.pending(RETRY_BATCH)) {
        const passages = await this.passages(article.title, article.body);
        if (!passages.vectors) break;
        await this.store.write([{ id: article.id, passages }]);
        await this.refresh(article.id);
        done++;
      }
      if (done) this.logger.log(`embedded ${done} pending articles`);
      this.lastProblem = undefined;
      return done;
    } catch (error) {
      this.lastProblem = (error as Error).message;
      return 0;
    }
  }

  private async currentEmbeddingVersion(): Promise<string | undefined> {
    try {
      return (await this.gateway.models()).find((m) => m.id === this.config.embeddingModel)?.version;
    } catch {
      return undefined;
    }
  }

  /** Embeds texts with the knowledge base's model (passages and questions share one space). */
  async embed(texts: string[]): Promise<{ vectors: Float32Array[]; model: string; version: string }> {
    const vectors: Float32Array[] = [];
    let model = '';
    let version = '';
    for (let start = 0; start < texts.length; start += EMBED_BATCH) {
      const response = await this.gateway.embed(texts.slice(start, start + EMBED_BATCH), { model: this.config.embeddingModel });
      model = response.model;
      version = response.version;
      vectors.push(...response.embeddings.map((e) => Float32Array.from(e)));
    }
    return { vectors, model, version };
  }

  /** Chunks one article and embeds its passages; without vectors when the gateway is unreachable. */
  async passages(title: string, body: string): Promise<ArticlePassages> {
    const [passages] = await this.passagesOf([{ title, body }]);
    return passages;
  }

  /**
   * Chunks articles and embeds all their passages in as few gateway calls as possible (a seed of
   * 77 articles is ~2 calls). When the gateway is unreachable every article comes back without
   * vectors (stored as pending, embedded later); any other gateway error is thrown.
   */
  async passagesOf(articles: Array<{ title: string; body: string }>): Promise<ArticlePassages[]> {
    const chunked = articles.map((a) => articleChunks(a.body));
    let embedded: { vectors: Float32Array[]; model: string; version: string } | undefined;
    try {
      if (articles.length) embedded = await this.embed(articles.flatMap((a, i) => chunked[i].map((c) => passageForEmbedding(a.title, c))));
    } catch (error) {
      if (!(error instanceof GatewayError) || !error.retryable) throw error;
      this.lastProblem = `the gateway is unreachable: ${error.message}`;
    }
    let offset = 0;
    return chunked.map((chunks) => {
      const vectors = embedded?.vectors.slice(offset, offset + chunks.length);
      offset += chunks.length;
      return embedded ? { chunks, vectors, embedding: { model: embedded.model, version: embedded.version } } : { chunks };
    });
  }

  /**
   * Mirrors an article's stored passages into the in-process index (or takes it out while pending
   * or deleted). pgvector needs nothing: the store wrote the mirror in the article's transaction.
   */
  async refresh(articleId: string): Promise<void> {
    if (this.index.kind === 'pgvector') return;
    const article = await this.store.indexable(articleId);
    if (!article) await this.index.removeArticle(articleId);
    else await this.index.replaceArticle(articleId, article.intent, article.passages);
  }

  /** Nearest passages to an embedded question (optionally within one intent's articles). */
  async search(vector: Float32Array, options: VectorSearch): Promise<VectorHit[]> {
    await this.ready;
    return this.index.search(vector, options);
  }
}
