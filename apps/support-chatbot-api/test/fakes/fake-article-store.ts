import type { PageRequest } from '@matrix/product-server';
import type { ArticleWithChunks } from '@matrix/chatbot-contract';
import {
  ArticleStore,
  type ArticleFilters,
  type ArticleWrite,
  type IndexableArticle,
  type PassageWithArticle,
  type StoredArticle,
} from '../../src/knowledge/article-store';
import type { ChatbotConfig } from '../../src/config/chatbot-config';
import { InMemoryVectorIndex, type VectorIndex } from '../../src/knowledge/vector-index';

interface FakeChunk {
  id: string;
  articleId: string;
  position: number;
  heading: string | null;
  text: string;
  vector: Float32Array | null;
  embedding: { model: string; version: string } | null;
}

/** ArticleStore in memory (no database), for unit specs; records every write batch. */
export class FakeArticleStore extends ArticleStore {
  readonly articles = new Map<string, StoredArticle>();
  readonly passagesOf = new Map<string, FakeChunk[]>();
  readonly writes: ArticleWrite[][] = [];
  private nextId = 1;

  /** Seeds an article as if stored earlier (embedded with one passage unless told otherwise). */
  seed(article: Partial<StoredArticle> & { slug: string }, vector: Float32Array | null = Float32Array.of(1, 0)): StoredArticle {
    const id = article.id ?? `a${this.nextId++}`;
    const stored: StoredArticle = {
      id,
      title: article.slug,
      body: article.slug,
      intent: null,
      category: null,
      indexStatus: vector ? 'embedded' : 'pending',
      chunkCount: 1,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      contentHash: 'seeded',
      ...article,
    };
    this.articles.set(id, stored);
    this.passagesOf.set(id, [
      { id: `${id}-c0`, articleId: id, position: 0, heading: null, text: stored.body, vector, embedding: vector ? { model: 'use', version: '1' } : null },
    ]);
    return stored;
  }

  async count(filter: { indexStatus?: 'embedded' | 'pending' } = {}): Promise<number> {
    return [...this.articles.values()].filter((a) => !filter.indexStatus || a.indexStatus === filter.indexStatus).length;
  }

  async find(id: string): Promise<StoredArticle | null> {
    return this.articles.get(id) ?? null;
  }

  async findBySlugs(slugs: string[]): Promise<StoredArticle[]> {
    return [...this.articles.values()].filter((a) => slugs.includes(a.slug));
  }

  async page(filters: ArticleFilters, page: PageRequest): Promise<{ items: StoredArticle[]; total: number }> {
    const all = [...this.articles.values()]
      .filter((a) => (!filters.intent || a.intent === filters.intent) && (!filters.indexStatus || a.indexStatus === filters.indexStatus))
      .filter((a) => !filters.q || [a.title, a.body, a.slug].some((s) => s.includes(filters.q ?? '')))
      .sort((a, b) => a.title.localeCompare(b.title));
    return { items: all.slice((page.page - 1) * page.pageSize, page.page * page.pageSize), total: all.length };
  }

  async pending(limit: number): Promise<StoredArticle[]> {
    return [...this.articles.values()].filter((a) => a.indexStatus === 'pending').slice(0, limit);
  }

  async chunks(articleId: string): Promise<ArticleWithChunks['chunks']> {
    return (this.passagesOf.get(articleId) ?? []).map((c) => ({
      id: c.id,
      position: c.position,
      heading: c.heading,
      text: c.text,
      embedded: c.vector !== null,
    }));
  }

  async write(writes: ArticleWrite[]): Promise<string[]> {
    this.writes.push(writes);
    return writes.map(({ id, fields, passages }) => {
      const articleId = id ?? `a${this.nextId++}`;
      const before = this.articles.get(articleId);
      if (!before && !fields) throw new Error(`no article ${articleId}`);
      const article: StoredArticle = {
        id: articleId,
        indexStatus: 'pending',
        chunkCount: 0,
        createdAt: '2026-01-02T00:00:00.000Z',
        updatedAt: '2026-01-02T00:00:00.000Z',
        ...before,
        ...fields,
      } as StoredArticle;
      if (passages) {
        article.indexStatus = passages.vectors ? 'embedded' : 'pending';
        article.chunkCount = passages.chunks.length;
        this.passagesOf.set(
          articleId,
          passages.chunks.map((c, i) => ({
            id: `${articleId}-c${i}`,
            articleId,
            ...c,
            vector: passages.vectors?.[i] ?? null,
            embedding: passages.embedding ?? null,
          })),
        );
      }
      this.articles.set(articleId, article);
      return articleId;
    });
  }

  async delete(id: string): Promise<void> {
    this.articles.delete(id);
    this.passagesOf.delete(id);
  }

  async indexable(articleId: string): Promise<IndexableArticle | null> {
    const article = this.articles.get(articleId);
    if (!article || article.indexStatus !== 'embedded') return null;
    const passages = (this.passagesOf.get(articleId) ?? []).flatMap((c) => (c.vector ? [{ chunkId: c.id, vector: c.vector }] : []));
    return { articleId, intent: article.intent, passages };
  }

  async allIndexable(): Promise<IndexableArticle[]> {
    const all = await Promise.all([...this.articles.keys()].map((id) => this.indexable(id)));
    return all.filter((a): a is IndexableArticle => a !== null);
  }

  async markStale(embedding: { model: string; version: string }): Promise<number> {
    let n = 0;
    for (const article of this.articles.values()) {
      const chunks = this.passagesOf.get(article.id) ?? [];
      if (article.indexStatus === 'embedded' && chunks.some((c) => c.embedding?.model !== embedding.model || c.embedding?.version !== embedding.version)) {
        article.indexStatus = 'pending';
        n++;
      }
    }
    return n;
  }

  async passagesByIds(chunkIds: string[]): Promise<PassageWithArticle[]> {
    return [...this.passagesOf.values()].flat().flatMap((c) => {
      const article = this.articles.get(c.articleId);
      return chunkIds.includes(c.id) && article
        ? [{ id: c.id, heading: c.heading, text: c.text, article: { id: article.id, slug: article.slug, title: article.title, intent: article.intent } }]
        : [];
    });
  }

  async watermark(): Promise<string> {
    return JSON.stringify([...(await this.versions())]);
  }

  async versions(): Promise<Map<string, string>> {
    return new Map(
      [...this.articles.values()].map((a) => [a.id, `${a.updatedAt}:${a.indexStatus}:${(this.passagesOf.get(a.id) ?? []).map((c) => c.id).join(',')}`]),
    );
  }

  async openVectorIndex(_wanted: ChatbotConfig['vectorIndex']): Promise<VectorIndex> {
    return new InMemoryVectorIndex();
  }
}
