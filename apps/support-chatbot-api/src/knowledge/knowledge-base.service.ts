import { Injectable } from '@nestjs/common';
import { ApiError, notFound, type PageRequest } from '@matrix/product-server';
import type { Article, ArticleWithChunks, ImportResult, SearchHit } from '@matrix/chatbot-contract';
import { articleFields, type ArticleInput, type ArticlePatch } from './article-input';
import { ArticleStore, type ArticleFilters, type StoredArticle } from './article-store';
import { contentHash } from './content-hash';
import { KnowledgeImporter } from './knowledge-importer.service';
import { KnowledgeIndexer } from './knowledge-indexer.service';
import type { VectorHit, VectorSearch } from './vector-index';

export type { ArticleFilters } from './article-store';

function toArticle({ contentHash: _hash, ...article }: StoredArticle): Article {
  return article;
}

/**
 * The knowledge base as controllers and the answer pipeline see it: articles (each change chunked
 * and embedded before one transaction writes it with its passages; saved as "pending" when the
 * gateway is unreachable) and semantic search. Storage is the ArticleStore, embedding and the
 * vector index the KnowledgeIndexer, bulk imports the KnowledgeImporter.
 */
@Injectable()
export class KnowledgeBaseService {
  constructor(
    private readonly store: ArticleStore,
    private readonly indexer: KnowledgeIndexer,
    private readonly importer: KnowledgeImporter,
  ) {}

  /** Resolves once the index is loaded (tests and the answer pipeline wait for it). */
  whenReady(): Promise<void> {
    return this.indexer.whenReady();
  }

  private async find(id: string): Promise<StoredArticle> {
    const article = await this.store.find(id);
    if (!article) throw notFound('article', id);
    return article;
  }

  async list(filters: ArticleFilters, page: PageRequest): Promise<{ items: Article[]; total: number }> {
    const { items, total } = await this.store.page(filters, page);
    return { items: items.map(toArticle), total };
  }

  async get(id: string): Promise<ArticleWithChunks> {
    const article = await this.find(id);
    return { ...toArticle(article), chunks: await this.store.chunks(id) };
  }

  async create(input: ArticleInput): Promise<ArticleWithChunks> {
    const passages = await this.indexer.passages(input.title, input.body);
    const fields = articleFields(input);
    const slug = fields.slug;
    const [existing] = await this.store.findBySlugs([slug]);
    if (existing)
      throw new ApiError(
        409,
        'conflict',
        `an article with slug '${slug}' already exists (id ${existing.id}): edit it with PUT /api/articles/${existing.id}, or choose another slug`,
      );
    const [id] = await this.store.write([{ fields, passages }]);
    await this.indexer.refresh(id);
    return this.get(id);
  }

  async update(id: string, patch: ArticlePatch): Promise<ArticleWithChunks> {
    const current = await this.find(id);
    const title = patch.title ?? current.title;
    const body = patch.body ?? current.body;
    const slug = patch.slug ?? current.slug;
    if (slug !== current.slug && (await this.store.findBySlugs([slug])).length)
      throw new ApiError(409, 'conflict', `another article already has the slug '${slug}'`);
    const fields = {
      slug,
      title,
      body,
      intent: patch.intent === undefined ? current.intent : patch.intent,
      category: patch.category === undefined ? current.category : patch.category,
      contentHash: contentHash(title, body),
    };
    // Only a changed title or body is re-chunked and re-embedded; metadata edits keep the vectors.
    const passages = fields.contentHash !== current.contentHash || current.indexStatus === 'pending' ? await this.indexer.passages(title, body) : undefined;
    await this.store.write([{ id, fields, passages }]);
    await this.indexer.refresh(id);
    return this.get(id);
  }

  async delete(id: string): Promise<void> {
    await this.find(id);
    await this.store.delete(id);
    await this.indexer.refresh(id);
  }

  /** Creates or updates (matched by slug) every article, in short chunks; a failed import deletes the articles it created (KnowledgeImporter). */
  import(inputs: ArticleInput[]): Promise<ImportResult> {
    return this.importer.import(inputs);
  }

  count(): Promise<number> {
    return this.store.count();
  }

  /** Embeds texts with the knowledge base's model (passages and questions share one space). */
  embed(texts: string[]): Promise<{ vectors: Float32Array[]; model: string; version: string }> {
    return this.indexer.embed(texts);
  }

  /** Nearest passages to an embedded question (optionally within one intent's articles). */
  searchVector(vector: Float32Array, options: VectorSearch): Promise<VectorHit[]> {
    return this.indexer.search(vector, options);
  }

  /** Passage rows (with their article) for search hits, in hit order. */
  async describeHits(hits: VectorHit[]): Promise<SearchHit[]> {
    if (!hits.length) return [];
    const byId = new Map((await this.store.passagesByIds(hits.map((h) => h.chunkId))).map((c) => [c.id, c]));
    return hits.flatMap((hit) => {
      const c = byId.get(hit.chunkId);
      return c
        ? [
            {
              articleId: c.article.id,
              slug: c.article.slug,
              title: c.article.title,
              intent: c.article.intent,
              chunkId: c.id,
              heading: c.heading,
              text: c.text,
              score: hit.score,
            },
          ]
        : [];
    });
  }

  /** Semantic search for a text (the KB admin's "try a question"). */
  async search(q: string, k: number): Promise<SearchHit[]> {
    const { vectors } = await this.embed([q]);
    return this.describeHits(await this.searchVector(vectors[0], { k }));
  }
}
