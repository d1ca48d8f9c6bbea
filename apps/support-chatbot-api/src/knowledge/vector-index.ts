/** A passage vector as the index keeps it. */
export interface IndexedPassage {
  chunkId: string;
  vector: Float32Array;
}

export interface VectorHit {
  chunkId: string;
  articleId: string;
  intent: string | null;
  /** Cosine similarity (vectors are L2-normalised, so the dot product). */
  score: number;
}

export interface VectorSearch {
  k: number;
  /** Only passages of articles answering this intent. */
  intent?: string;
}

/**
 * Where passage embeddings are searched. The knowledge base keeps the vectors in its own table
 * (the source of truth, provider-neutral) and mirrors them here: in process for SQLite (exact
 * search over every passage, fine up to ~100k passages), or a pgvector table on PostgreSQL.
 */
export interface VectorIndex {
  readonly kind: 'memory' | 'pgvector';
  /** Replaces every passage of an article (an edited article is re-embedded as a whole). */
  replaceArticle(articleId: string, intent: string | null, passages: IndexedPassage[]): Promise<void>;
  removeArticle(articleId: string): Promise<void>;
  search(query: Float32Array, options: VectorSearch): Promise<VectorHit[]>;
  /** Passages indexed. */
  size(): Promise<number>;
}

export function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}

/** L2-normalised copy (a zero vector stays zero). */
export function normalised(vector: ArrayLike<number>): Float32Array {
  const out = Float32Array.from(vector);
  const norm = Math.sqrt(dot(out, out));
  if (norm > 0) for (let i = 0; i < out.length; i++) out[i] /= norm;
  return out;
}

/** Exact nearest-neighbour search in memory: the default with SQLite. */
export class InMemoryVectorIndex implements VectorIndex {
  readonly kind = 'memory' as const;
  private readonly articles = new Map<string, { intent: string | null; passages: IndexedPassage[] }>();

  async replaceArticle(articleId: string, intent: string | null, passages: IndexedPassage[]): Promise<void> {
    this.articles.set(articleId, { intent, passages: passages.map((p) => ({ chunkId: p.chunkId, vector: normalised(p.vector) })) });
  }

  async removeArticle(articleId: string): Promise<void> {
    this.articles.delete(articleId);
  }

  async search(query: Float32Array, options: VectorSearch): Promise<VectorHit[]> {
    const q = normalised(query);
    const hits: VectorHit[] = [];
    for (const [articleId, article] of this.articles) {
      if (options.intent !== undefined && article.intent !== options.intent) continue;
      for (const p of article.passages) {
        if (p.vector.length === q.length) hits.push({ chunkId: p.chunkId, articleId, intent: article.intent, score: dot(q, p.vector) });
      }
    }
    return hits.sort((a, b) => b.score - a.score).slice(0, options.k);
  }

  async size(): Promise<number> {
    let n = 0;
    for (const article of this.articles.values()) n += article.passages.length;
    return n;
  }
}
