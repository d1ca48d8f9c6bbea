import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { withTransaction, type DbClient, type DbTransaction, type Prisma } from '@matrix/db';
import { GatewayClient, GatewayError } from '@matrix/gateway-client';
import { ApiError, DB_PROVIDER, InjectDb, notFound, ReadinessRegistry, toSkipTake, type PageRequest } from '@matrix/product-server';
import { CHATBOT_CONFIG, type ChatbotConfig } from '../config/chatbot-config';
import type { Article, ArticleWithChunks, ImportResult, SearchHit } from '@matrix/chatbot-contract';
import { slugify, type ArticleInput, type ArticlePatch } from './article-input';
import { chunkMarkdown, passageForEmbedding, type Chunk } from './chunking';
import { bytesToVector, vectorToBytes } from './embedding-bytes';
import { PgVectorIndex } from './pgvector-index';
import { InMemoryVectorIndex, type VectorHit, type VectorIndex } from './vector-index';

/** Passages embedded per gateway call. */
const EMBED_BATCH = 64;

type ArticleRow = Prisma.ChatbotArticleGetPayload<{ include: { _count: { select: { chunks: true } } } }>;

export interface ArticleFilters {
  q?: string;
  intent?: string;
  indexStatus?: 'embedded' | 'pending';
}

/** A new or changed article ready to store: its chunks and (when the gateway answered) their vectors. */
interface PreparedArticle {
  input: ArticleInput & { slug: string };
  contentHash: string;
  chunks: Chunk[];
  vectors?: Float32Array[];
  embedding?: { model: string; version: string };
}

export function contentHash(title: string, body: string): string {
  return createHash('sha256').update(JSON.stringify([title, body])).digest('hex');
}

function toArticle(row: ArticleRow): Article {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    body: row.body,
    intent: row.intent,
    category: row.category,
    indexStatus: row.indexStatus,
    chunkCount: row._count.chunks,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * The knowledge base: articles and their embedded passages (ChatbotChunk, the source of truth)
 * mirrored into a vector index for retrieval. A new or edited article is chunked and embedded
 * through the gateway before one transaction writes it with its passages; when the gateway is
 * unreachable the article is still saved (indexStatus "pending") and embedded by the retry loop.
 */
@Injectable()
export class KnowledgeBaseService implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('KnowledgeBase');
  private index: VectorIndex = new InMemoryVectorIndex();
  private ready: Promise<void> = Promise.resolve();
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private embeddingVersion?: string;
  private lastProblem?: string;

  constructor(
    @InjectDb() private readonly db: DbClient,
    @Inject(DB_PROVIDER) private readonly provider: 'sqlite' | 'postgresql',
    private readonly gateway: GatewayClient,
    private readonly readiness: ReadinessRegistry,
    @Inject(CHATBOT_CONFIG) private readonly config: ChatbotConfig,
  ) {}

  onModuleInit(): void {
    this.readiness.register('knowledge-base', async () => {
      const pending = await this.db.chatbotArticle.count({ where: { indexStatus: 'pending' } });
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
  }

  /** Resolves once the index is loaded (tests and the answer pipeline wait for it). */
  whenReady(): Promise<void> {
    return this.ready;
  }

  indexKind(): string {
    return this.index.kind;
  }

  private async start(): Promise<void> {
    this.index = await this.chooseIndex();
    await this.loadIndex();
    this.scheduleRetry(0);
  }

  private async chooseIndex(): Promise<VectorIndex> {
    const wanted = this.config.vectorIndex;
    if (wanted === 'memory' || this.provider !== 'postgresql') {
      if (wanted === 'pgvector') throw new Error('CHATBOT_VECTOR_INDEX=pgvector needs a PostgreSQL DATABASE_URL');
      return new InMemoryVectorIndex();
    }
    const available = await PgVectorIndex.available(this.db);
    if (!available) {
      if (wanted === 'pgvector') throw new Error('CHATBOT_VECTOR_INDEX=pgvector, but this PostgreSQL server has no pgvector extension installed');
      this.logger.log('PostgreSQL without the pgvector extension: using the in-process vector index');
      return new InMemoryVectorIndex();
    }
    const sample = await this.db.chatbotChunk.findFirst({ where: { dimensions: { not: null } }, select: { dimensions: true } });
    const index = new PgVectorIndex(this.db, sample?.dimensions ?? 512);
    await index.ensure();
    return index;
  }

  /** Every embedded passage into the index (grouped by article). */
  private async loadIndex(): Promise<void> {
    const articles = await this.db.chatbotArticle.findMany({ where: { indexStatus: 'embedded' }, select: { id: true, intent: true, chunks: { select: { id: true, embedding: true } } } });
    for (const article of articles) {
      const passages = article.chunks.filter((c) => c.embedding).map((c) => ({ chunkId: c.id, vector: bytesToVector(c.embedding as Uint8Array) }));
      await this.index.replaceArticle(article.id, article.intent, passages);
    }
    this.logger.log(`vector index (${this.index.kind}): ${await this.index.size()} passages of ${articles.length} articles`);
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
        const stale = await this.db.chatbotArticle.updateMany({ where: { indexStatus: 'embedded', chunks: { some: { OR: [{ embeddingVersion: { not: current } }, { embeddingModel: { not: this.config.embeddingModel } }] } } }, data: { indexStatus: 'pending' } });
        if (stale.count) this.logger.warn(`${stale.count} articles were embedded with another model version; re-embedding them with ${this.config.embeddingModel}@${current}`);
        this.embeddingVersion = current;
      }
      const pending = await this.db.chatbotArticle.findMany({ where: { indexStatus: 'pending' }, take: 50, orderBy: { updatedAt: 'asc' } });
      let done = 0;
      for (const row of pending) {
        const prepared = await this.prepare({ title: row.title, body: row.body, slug: row.slug, intent: row.intent, category: row.category });
        if (!prepared.vectors) break;
        await withTransaction(this.db, (tx) => this.writeChunks(tx, row.id, prepared));
        await this.indexArticle(row.id);
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

  /** Chunks an article and embeds its passages; when the gateway is unreachable, returns it without vectors. */
  private async prepare(input: ArticleInput & { slug?: string }): Promise<PreparedArticle> {
    const chunks = chunkMarkdown(input.body);
    if (chunks.length === 0) chunks.push({ position: 0, heading: null, text: input.body.trim() });
    const prepared: PreparedArticle = { input: { ...input, slug: input.slug ?? slugify(input.title) }, contentHash: contentHash(input.title, input.body), chunks };
    try {
      const embedded = await this.embed(chunks.map((c) => passageForEmbedding(input.title, c)));
      prepared.vectors = embedded.vectors;
      prepared.embedding = { model: embedded.model, version: embedded.version };
    } catch (error) {
      if (!(error instanceof GatewayError) || !error.retryable) throw error;
      this.lastProblem = `the gateway is unreachable: ${error.message}`;
    }
    return prepared;
  }

  private async writeChunks(tx: DbTransaction, articleId: string, prepared: PreparedArticle): Promise<void> {
    await tx.chatbotChunk.deleteMany({ where: { articleId } });
    await tx.chatbotChunk.createMany({
      data: prepared.chunks.map((chunk, i) => ({
        articleId,
        position: chunk.position,
        heading: chunk.heading,
        text: chunk.text,
        embedding: prepared.vectors ? vectorToBytes(prepared.vectors[i]) : null,
        dimensions: prepared.vectors ? prepared.vectors[i].length : null,
        embeddingModel: prepared.embedding?.model ?? null,
        embeddingVersion: prepared.embedding?.version ?? null,
      })),
    });
    await tx.chatbotArticle.update({ where: { id: articleId }, data: { indexStatus: prepared.vectors ? 'embedded' : 'pending' } });
  }

  /** Mirrors an article's stored passages into the vector index (or takes it out while pending). */
  private async indexArticle(articleId: string): Promise<void> {
    const row = await this.db.chatbotArticle.findUnique({ where: { id: articleId }, select: { intent: true, indexStatus: true, chunks: { select: { id: true, embedding: true } } } });
    if (!row || row.indexStatus !== 'embedded') {
      await this.index.removeArticle(articleId);
      return;
    }
    await this.index.replaceArticle(
      articleId,
      row.intent,
      row.chunks.filter((c) => c.embedding).map((c) => ({ chunkId: c.id, vector: bytesToVector(c.embedding as Uint8Array) })),
    );
  }

  private async getRow(id: string): Promise<ArticleRow> {
    const row = await this.db.chatbotArticle.findUnique({ where: { id }, include: { _count: { select: { chunks: true } } } });
    if (!row) throw notFound('article', id);
    return row;
  }

  async list(filters: ArticleFilters, page: PageRequest): Promise<{ items: Article[]; total: number }> {
    const where: Prisma.ChatbotArticleWhereInput = {
      ...(filters.intent ? { intent: filters.intent } : {}),
      ...(filters.indexStatus ? { indexStatus: filters.indexStatus } : {}),
      ...(filters.q ? { OR: [{ title: { contains: filters.q } }, { body: { contains: filters.q } }, { slug: { contains: filters.q } }] } : {}),
    };
    const [rows, total] = await Promise.all([
      this.db.chatbotArticle.findMany({ where, orderBy: [{ title: 'asc' }, { id: 'asc' }], include: { _count: { select: { chunks: true } } }, ...toSkipTake(page) }),
      this.db.chatbotArticle.count({ where }),
    ]);
    return { items: rows.map(toArticle), total };
  }

  async get(id: string): Promise<ArticleWithChunks> {
    const row = await this.getRow(id);
    const chunks = await this.db.chatbotChunk.findMany({ where: { articleId: id }, orderBy: { position: 'asc' }, select: { id: true, position: true, heading: true, text: true, dimensions: true } });
    return { ...toArticle(row), chunks: chunks.map((c) => ({ id: c.id, position: c.position, heading: c.heading, text: c.text, embedded: c.dimensions !== null })) };
  }

  async create(input: ArticleInput): Promise<ArticleWithChunks> {
    const prepared = await this.prepare(input);
    const existing = await this.db.chatbotArticle.findUnique({ where: { slug: prepared.input.slug }, select: { id: true } });
    if (existing) throw new ApiError(409, 'conflict', `an article with slug '${prepared.input.slug}' already exists (id ${existing.id}): edit it with PUT /api/articles/${existing.id}, or choose another slug`);
    const id = await withTransaction(this.db, async (tx) => {
      const row = await tx.chatbotArticle.create({
        data: { slug: prepared.input.slug, title: prepared.input.title, body: prepared.input.body, intent: prepared.input.intent ?? null, category: prepared.input.category ?? null, contentHash: prepared.contentHash },
      });
      await this.writeChunks(tx, row.id, prepared);
      return row.id;
    });
    await this.indexArticle(id);
    return this.get(id);
  }

  async update(id: string, patch: ArticlePatch): Promise<ArticleWithChunks> {
    const row = await this.getRow(id);
    const next = { title: patch.title ?? row.title, body: patch.body ?? row.body, slug: patch.slug ?? row.slug, intent: patch.intent === undefined ? row.intent : patch.intent, category: patch.category === undefined ? row.category : patch.category };
    if (next.slug !== row.slug && (await this.db.chatbotArticle.findUnique({ where: { slug: next.slug }, select: { id: true } }))) {
      throw new ApiError(409, 'conflict', `another article already has the slug '${next.slug}'`);
    }
    const hash = contentHash(next.title, next.body);
    // Only a changed title or body is re-chunked and re-embedded; metadata edits keep the vectors.
    const prepared = hash !== row.contentHash || row.indexStatus === 'pending' ? await this.prepare(next) : undefined;
    await withTransaction(this.db, async (tx) => {
      await tx.chatbotArticle.update({ where: { id }, data: { title: next.title, body: next.body, slug: next.slug, intent: next.intent, category: next.category, contentHash: hash } });
      if (prepared) await this.writeChunks(tx, id, prepared);
    });
    await this.indexArticle(id);
    return this.get(id);
  }

  async delete(id: string): Promise<void> {
    await this.getRow(id);
    await this.db.chatbotArticle.delete({ where: { id } });
    await this.index.removeArticle(id);
  }

  /**
   * Creates or updates (matched by slug) every article, all or nothing: passages are embedded
   * first, then one transaction writes them all. Unchanged articles are left as they are.
   */
  async import(inputs: ArticleInput[]): Promise<ImportResult> {
    const withSlugs = inputs.map((input) => ({ ...input, slug: input.slug ?? slugify(input.title) }));
    const seen = new Map<string, number>();
    withSlugs.forEach((a, i) => {
      if (seen.has(a.slug)) throw new ApiError(422, 'invalid_import', `articles ${(seen.get(a.slug) ?? 0) + 1} and ${i + 1} have the same slug '${a.slug}': give them distinct slugs or titles; nothing was imported`);
      seen.set(a.slug, i);
    });
    const existing = new Map(
      (await this.db.chatbotArticle.findMany({ where: { slug: { in: withSlugs.map((a) => a.slug) } } })).map((row) => [row.slug, row]),
    );
    const plans = withSlugs.map((input) => {
      const row = existing.get(input.slug);
      const hash = contentHash(input.title, input.body);
      const sameMeta = row && row.intent === (input.intent ?? null) && row.category === (input.category ?? null);
      const action: 'created' | 'updated' | 'unchanged' = !row ? 'created' : row.contentHash === hash && sameMeta && row.indexStatus === 'embedded' ? 'unchanged' : 'updated';
      const reembed = !row || row.contentHash !== hash || row.indexStatus !== 'embedded';
      return { input, row, hash, action, reembed };
    });
    // Embed every passage that needs it in a few large calls (a seed of 77 articles is ~2 calls).
    const toEmbed = plans.filter((p) => p.reembed && p.action !== 'unchanged');
    const prepared = new Map<string, PreparedArticle>();
    const allChunks = toEmbed.map((p) => {
      const chunks = chunkMarkdown(p.input.body);
      return chunks.length ? chunks : [{ position: 0, heading: null, text: p.input.body.trim() }];
    });
    let vectors: Float32Array[] | undefined;
    let embedding: { model: string; version: string } | undefined;
    try {
      if (toEmbed.length) {
        const embedded = await this.embed(toEmbed.flatMap((p, i) => allChunks[i].map((c) => passageForEmbedding(p.input.title, c))));
        vectors = embedded.vectors;
        embedding = { model: embedded.model, version: embedded.version };
      }
    } catch (error) {
      if (!(error instanceof GatewayError) || !error.retryable) throw error;
      this.lastProblem = `the gateway is unreachable: ${error.message}`;
    }
    let offset = 0;
    toEmbed.forEach((p, i) => {
      const chunks = allChunks[i];
      prepared.set(p.input.slug, { input: p.input, contentHash: p.hash, chunks, vectors: vectors?.slice(offset, offset + chunks.length), embedding });
      offset += chunks.length;
    });
    const ids = await withTransaction(
      this.db,
      async (tx) => {
        const out: Array<{ id: string; slug: string; title: string; action: 'created' | 'updated' | 'unchanged' }> = [];
        for (const plan of plans) {
          const data = { slug: plan.input.slug, title: plan.input.title, body: plan.input.body, intent: plan.input.intent ?? null, category: plan.input.category ?? null, contentHash: plan.hash };
          let id = plan.row?.id;
          if (plan.action === 'created') id = (await tx.chatbotArticle.create({ data })).id;
          else if (plan.action === 'updated') await tx.chatbotArticle.update({ where: { id }, data });
          const ready = prepared.get(plan.input.slug);
          if (ready && id) await this.writeChunks(tx, id, ready);
          out.push({ id: id as string, slug: plan.input.slug, title: plan.input.title, action: plan.action });
        }
        return out;
      },
      { timeout: 60_000 },
    );
    for (const a of ids) if (a.action !== 'unchanged') await this.indexArticle(a.id);
    const count = (action: string) => ids.filter((a) => a.action === action).length;
    return { created: count('created'), updated: count('updated'), unchanged: count('unchanged'), pending: toEmbed.length && !vectors ? toEmbed.length : 0, articles: ids };
  }

  async count(): Promise<number> {
    return this.db.chatbotArticle.count();
  }

  /** Nearest passages to an embedded question (optionally within one intent's articles). */
  async searchVector(vector: Float32Array, options: { k: number; intent?: string }): Promise<VectorHit[]> {
    await this.ready;
    return this.index.search(vector, options);
  }

  /** Passage rows (with their article) for search hits, in hit order. */
  async describeHits(hits: VectorHit[]): Promise<SearchHit[]> {
    if (!hits.length) return [];
    const chunks = await this.db.chatbotChunk.findMany({ where: { id: { in: hits.map((h) => h.chunkId) } }, include: { article: { select: { id: true, slug: true, title: true, intent: true } } } });
    const byId = new Map(chunks.map((c) => [c.id, c]));
    return hits.flatMap((hit) => {
      const c = byId.get(hit.chunkId);
      return c ? [{ articleId: c.article.id, slug: c.article.slug, title: c.article.title, intent: c.article.intent, chunkId: c.id, heading: c.heading, text: c.text, score: hit.score }] : [];
    });
  }

  /** Semantic search for a text (the KB admin's "try a question"). */
  async search(q: string, k: number): Promise<SearchHit[]> {
    const { vectors } = await this.embed([q]);
    return this.describeHits(await this.searchVector(vectors[0], { k }));
  }
}
