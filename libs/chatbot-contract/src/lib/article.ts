/** An article as the API shows it. */
export interface Article {
  id: string;
  slug: string;
  title: string;
  body: string;
  intent: string | null;
  category: string | null;
  /** embedded | pending (waiting for the gateway to embed it) */
  indexStatus: string;
  chunkCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface ArticleWithChunks extends Article {
  chunks: Array<{ id: string; position: number; heading: string | null; text: string; embedded: boolean }>;
}

export interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
  /** Articles stored but not yet searchable (the gateway was unreachable; they are embedded as soon as it is back). */
  pending: number;
  articles: Array<{ id: string; slug: string; title: string; action: 'created' | 'updated' | 'unchanged' }>;
}

export interface SearchHit {
  articleId: string;
  slug: string;
  title: string;
  intent: string | null;
  chunkId: string;
  heading: string | null;
  text: string;
  score: number;
}
