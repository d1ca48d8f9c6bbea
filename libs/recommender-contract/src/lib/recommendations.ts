/** One recommended item with why it is there. */
export interface RecommendedItem {
  itemId: string;
  title: string;
  categories: string[];
  /** The strategy's own score (ranker score, similarity, or popularity count): comparable within one answer only. */
  score: number;
  reason: string;
  /** The user's item that explains it ("because you rated X"). */
  becauseItemId?: string;
  /** Biased MF's predicted rating, where the user and item are in the model. */
  predictedRating?: number;
}

/**
 * personalised: the gateway's ranker over the user's history; content: item-text embeddings of
 * the user's (new) items; popularity: cold start; item-knn / content for similar items.
 */
export type Strategy = 'personalised' | 'content' | 'popularity' | 'item-knn';

export interface Recommendations {
  userId?: string;
  itemId?: string;
  strategy: Strategy;
  modelVersion: string | null;
  items: RecommendedItem[];
}
