import { Inject, Injectable, Logger } from '@nestjs/common';
import { withTransaction, type DbClient, type DbTransaction, type Prisma } from '@matrix/db';
import { DB_PROVIDER, InjectDb, toSkipTake, type PageRequest } from '@matrix/product-server';
import type { Article, ArticleWithChunks } from '@matrix/chatbot-contract';
import type { ChatbotConfig } from '../config/chatbot-config';
import type { Chunk } from './chunking';
import { bytesToVector, vectorToBytes } from './embedding-bytes';
import { MIGRATED_DIMENSIONS, PgVectorIndex, vectorTableDimensions, writeChunkVectors } from './pgvector-index';
import { InMemoryVectorIndex, type IndexedPassage, type VectorIndex } from './vector-index';

export interface ArticleFilters {
  q?: string;
  intent?: string;
  indexStatus?: 'embedded' | 'pending';
}

/** An article as stored: what the API shows plus the hash that decides re-embedding. */
export interface StoredArticle extends Article {
  contentHash: string;
}

/** The columns a create or an edit writes. */
export interface ArticleFields {
  slug: string;
  title: string;
  body: string;
  intent: string | null;
  category: string | null;
  contentHash: string;
}

/** An article's passages and (when the gateway answered) their vectors; without vectors the article waits as "pending". */
export interface ArticlePassages {
  chunks: Chunk[];
  vectors?: Float32Array[];
  embedding?: { model: string; version: string };
}

/** One article write: no id creates it; fields edit it; passages replace its chunks and set its indexStatus. */
export interface ArticleWrite {
  id?: string;
  fields?: ArticleFields;
  passages?: ArticlePassages;
}

/** The passages of one embedded article, as the vector index takes them. */
export interface IndexableArticle {
  articleId: string;
  intent: string | null;
  passages: IndexedPassage[];
}

/** A passage with its article, to describe a search hit. */
export interface PassageWithArticle {
  id: string;
  heading: string | null;
  text: string;
  article: { id: string; slug: string; title: string; intent: string | null };
}

/**
 * Every read and write of the knowledge base's tables (ChatbotArticle, ChatbotChunk) and the choice
 * of vector index. The indexer, importer and service hold the logic and take this store, so their
 * unit specs run on an in-memory fake.
 */
export abstract class ArticleStore {
  abstract count(filter?: { indexStatus?: 'embedded' | 'pending' }): Promise<number>;
  abstract find(id: string): Promise<StoredArticle | null>;
  abstract findBySlugs(slugs: string[]): Promise<StoredArticle[]>;
  abstract page(filters: ArticleFilters, page: PageRequest): Promise<{ items: StoredArticle[]; total: number }>;
  /** Pending articles, least recently updated first. */
  abstract pending(limit: number): Promise<StoredArticle[]>;
  abstract chunks(articleId: string): Promise<ArticleWithChunks['chunks']>;
  /** Applies every write in one transaction (all or nothing) and returns the article ids in order. */
  abstract write(writes: ArticleWrite[], options?: { timeoutMs?: number }): Promise<string[]>;
  abstract delete(id: string): Promise<void>;
  /** The article's stored vectors when it is embedded; null when it is missing or pending. */
  abstract indexable(articleId: string): Promise<IndexableArticle | null>;
  abstract allIndexable(): Promise<IndexableArticle[]>;
  /** Marks "pending" every embedded article with a passage from another embedding model or version; returns how many. */
  abstract markStale(embedding: { model: string; version: string }): Promise<number>;
  abstract passagesByIds(chunkIds: string[]): Promise<PassageWithArticle[]>;
  /**
   * A cheap fingerprint of the whole knowledge base (article count and latest change): polled by
   * replicas that search in process, to notice another replica's writes.
   */
  abstract watermark(): Promise<string>;
  /** Every article's version (its last change), by id: what a replica diffs to reload only what changed. */
  abstract versions(): Promise<Map<string, string>>;
  /** The vector index to search (pgvector on a PostgreSQL that has it, else in process). */
  abstract openVectorIndex(wanted: ChatbotConfig['vectorIndex']): Promise<VectorIndex>;
}

const WITH_COUNT = { _count: { select: { chunks: true } } } as const;
type ArticleRow = Prisma.ChatbotArticleGetPayload<{ include: typeof WITH_COUNT }>;

function toStored(row: ArticleRow): StoredArticle {
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
    contentHash: row.contentHash,
  };
}

function toIndexed(chunks: Array<{ id: string; embedding: Uint8Array | null }>): IndexedPassage[] {
  return chunks.flatMap((c) => (c.embedding ? [{ chunkId: c.id, vector: bytesToVector(c.embedding) }] : []));
}

/** The store on Prisma (SQLite or PostgreSQL). */
@Injectable()
export class PrismaArticleStore extends ArticleStore {
  private readonly logger = new Logger('KnowledgeBase');
  /** The pgvector mirror's width (PostgreSQL with ChatbotChunkVector), else null: written with every passage write. */
  private mirror: Promise<number | null> | undefined;

  constructor(
    @InjectDb() private readonly db: DbClient,
    @Inject(DB_PROVIDER) private readonly provider: 'sqlite' | 'postgresql',
  ) {
    super();
  }

  count(filter: { indexStatus?: 'embedded' | 'pending' } = {}): Promise<number> {
    return this.db.chatbotArticle.count({ where: filter });
  }

  async find(id: string): Promise<StoredArticle | null> {
    const row = await this.db.chatbotArticle.findUnique({ where: { id }, include: WITH_COUNT });
    return row && toStored(row);
  }

  async findBySlugs(slugs: string[]): Promise<StoredArticle[]> {
    return (await this.db.chatbotArticle.findMany({ where: { slug: { in: slugs } }, include: WITH_COUNT })).map(toStored);
  }

  async page(filters: ArticleFilters, page: PageRequest): Promise<{ items: StoredArticle[]; total: number }> {
    const where: Prisma.ChatbotArticleWhereInput = {
      ...(filters.intent ? { intent: filters.intent } : {}),
      ...(filters.indexStatus ? { indexStatus: filters.indexStatus } : {}),
      ...(filters.q ? { OR: [{ title: { contains: filters.q } }, { body: { contains: filters.q } }, { slug: { contains: filters.q } }] } : {}),
    };
    const [rows, total] = await Promise.all([
      this.db.chatbotArticle.findMany({ where, orderBy: [{ title: 'asc' }, { id: 'asc' }], include: WITH_COUNT, ...toSkipTake(page) }),
      this.db.chatbotArticle.count({ where }),
    ]);
    return { items: rows.map(toStored), total };
  }

  async pending(limit: number): Promise<StoredArticle[]> {
    return (await this.db.chatbotArticle.findMany({ where: { indexStatus: 'pending' }, take: limit, orderBy: { updatedAt: 'asc' }, include: WITH_COUNT })).map(
      toStored,
    );
  }

  async chunks(articleId: string): Promise<ArticleWithChunks['chunks']> {
    const rows = await this.db.chatbotChunk.findMany({
      where: { articleId },
      orderBy: { position: 'asc' },
      select: { id: true, position: true, heading: true, text: true, dimensions: true },
    });
    return rows.map((c) => ({ id: c.id, position: c.position, heading: c.heading, text: c.text, embedded: c.dimensions !== null }));
  }

  write(writes: ArticleWrite[], options: { timeoutMs?: number } = {}): Promise<string[]> {
    return withTransaction(
      this.db,
      async (tx) => {
        const ids: string[] = [];
        for (const { id, fields, passages } of writes) {
          let articleId = id;
          if (articleId === undefined) {
            if (!fields) throw new Error('a new article needs its fields');
            articleId = (await tx.chatbotArticle.create({ data: fields })).id;
          } else if (fields) {
            await tx.chatbotArticle.update({ where: { id: articleId }, data: fields });
          }
          if (passages) await this.replacePassages(tx, articleId, passages);
          ids.push(articleId);
        }
        return ids;
      },
      { timeout: options.timeoutMs },
    );
  }

  private async replacePassages(tx: DbTransaction, articleId: string, { chunks, vectors, embedding }: ArticlePassages): Promise<void> {
    await tx.chatbotChunk.deleteMany({ where: { articleId } });
    await tx.chatbotChunk.createMany({
      data: chunks.map((chunk, i) => ({
        articleId,
        position: chunk.position,
        heading: chunk.heading,
        text: chunk.text,
        embedding: vectors ? vectorToBytes(vectors[i]) : null,
        dimensions: vectors ? vectors[i].length : null,
        embeddingModel: embedding?.model ?? null,
        embeddingVersion: embedding?.version ?? null,
      })),
    });
    await tx.chatbotArticle.update({ where: { id: articleId }, data: { indexStatus: vectors ? 'embedded' : 'pending' } });
    // The pgvector mirror, in the same transaction: every replica searching pgvector sees the article once this commits.
    const width = vectors?.length ? await this.mirrorDimensions() : null;
    if (vectors && width !== null) {
      if (vectors[0].length !== width) {
        this.logger.warn(`passages of ${vectors[0].length} dimensions are not mirrored into the ${width}-dimensional pgvector table`);
        return;
      }
      const ids = await tx.chatbotChunk.findMany({ where: { articleId }, select: { id: true, position: true } });
      const byPosition = new Map(ids.map((c) => [c.position, c.id]));
      await writeChunkVectors(
        tx,
        chunks.map((chunk, i) => ({ chunkId: byPosition.get(chunk.position) as string, vector: vectors[i] })),
      );
    }
  }

  /** The width of the pgvector mirror (looked up once), or null without one (SQLite, or no pgvector). */
  private mirrorDimensions(): Promise<number | null> {
    if (this.provider !== 'postgresql') return Promise.resolve(null);
    this.mirror ??= vectorTableDimensions(this.db).catch((error: Error) => {
      this.mirror = undefined;
      throw error;
    });
    return this.mirror;
  }

  async delete(id: string): Promise<void> {
    await this.db.chatbotArticle.delete({ where: { id } });
  }

  async indexable(articleId: string): Promise<IndexableArticle | null> {
    const row = await this.db.chatbotArticle.findUnique({
      where: { id: articleId },
      select: { intent: true, indexStatus: true, chunks: { select: { id: true, embedding: true } } },
    });
    if (!row || row.indexStatus !== 'embedded') return null;
    return { articleId, intent: row.intent, passages: toIndexed(row.chunks) };
  }

  async allIndexable(): Promise<IndexableArticle[]> {
    const rows = await this.db.chatbotArticle.findMany({
      where: { indexStatus: 'embedded' },
      select: { id: true, intent: true, chunks: { select: { id: true, embedding: true } } },
    });
    return rows.map((row) => ({ articleId: row.id, intent: row.intent, passages: toIndexed(row.chunks) }));
  }

  async markStale(embedding: { model: string; version: string }): Promise<number> {
    const stale = await this.db.chatbotArticle.updateMany({
      where: {
        indexStatus: 'embedded',
        chunks: { some: { OR: [{ embeddingVersion: { not: embedding.version } }, { embeddingModel: { not: embedding.model } }] } },
      },
      data: { indexStatus: 'pending' },
    });
    return stale.count;
  }

  passagesByIds(chunkIds: string[]): Promise<PassageWithArticle[]> {
    return this.db.chatbotChunk.findMany({
      where: { id: { in: chunkIds } },
      select: { id: true, heading: true, text: true, article: { select: { id: true, slug: true, title: true, intent: true } } },
    });
  }

  async watermark(): Promise<string> {
    const { _count, _max } = await this.db.chatbotArticle.aggregate({ _count: { _all: true }, _max: { updatedAt: true } });
    return `${_count._all}:${_max.updatedAt?.toISOString() ?? '-'}`;
  }

  async versions(): Promise<Map<string, string>> {
    const rows = await this.db.chatbotArticle.findMany({ select: { id: true, updatedAt: true, indexStatus: true } });
    return new Map(rows.map((r) => [r.id, `${r.updatedAt.toISOString()}:${r.indexStatus}`]));
  }

  /**
   * CHATBOT_VECTOR_INDEX: memory → in process; pgvector → the pgvector table (fails without
   * PostgreSQL + the extension); auto → pgvector where it can be used, else in process. Whatever a
   * replica searches with, on PostgreSQL with the table every write keeps the mirror current, so
   * replicas may mix both.
   */
  async openVectorIndex(wanted: ChatbotConfig['vectorIndex']): Promise<VectorIndex> {
    const fallBack = (why: string): VectorIndex => {
      if (wanted === 'pgvector') throw new Error(`CHATBOT_VECTOR_INDEX=pgvector, but ${why}`);
      if (this.provider === 'postgresql') this.logger.warn(`${why}: using the in-process vector index`);
      return new InMemoryVectorIndex();
    };
    if (this.provider !== 'postgresql') return wanted === 'pgvector' ? fallBack('the database is not PostgreSQL') : new InMemoryVectorIndex();
    let width = await vectorTableDimensions(this.db);
    if (width === null) {
      if (!(await PgVectorIndex.available(this.db)))
        return fallBack('this PostgreSQL server has no pgvector extension (install it: bash shared/scripts/install-pgvector.sh)');
      // Migrated before the server had pgvector: the migration skipped the table; create it now.
      this.logger.log('creating the pgvector table the migration skipped (pgvector was installed after the database was migrated)');
      await PgVectorIndex.createTable(this.db, MIGRATED_DIMENSIONS);
      width = await vectorTableDimensions(this.db);
    }
    this.mirror = Promise.resolve(width);
    if (width === null) return fallBack('the pgvector table could not be created');
    const index = new PgVectorIndex(this.db, width);
    const mirrored = await index.reconcile();
    if (mirrored) this.logger.log(`mirrored ${mirrored} passages into the pgvector table`);
    if (wanted === 'memory') return new InMemoryVectorIndex();
    const sample = await this.db.chatbotChunk.findFirst({ where: { dimensions: { not: null } }, select: { dimensions: true } });
    if (sample?.dimensions && sample.dimensions !== width)
      return fallBack(`the passages have ${sample.dimensions} dimensions and the pgvector table ${width} (a migration must change its width)`);
    return index;
  }
}
