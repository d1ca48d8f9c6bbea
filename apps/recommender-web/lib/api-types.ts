// Shapes of the recommender API's answers (apps/recommender-api) that the pages read.

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
  totalPages: number;
}

export interface UserView {
  id: string;
  attributes: Record<string, unknown>;
  interactions: number;
  createdAt: string;
}

export interface ItemView {
  id: string;
  title: string;
  description: string;
  categories: string[];
  interactions?: number;
}

export interface EventView {
  id: string;
  userId: string;
  itemId: string;
  itemTitle: string;
  type: string;
  value: number | null;
  timestamp: string;
}

export interface RecommendedItem {
  itemId: string;
  title: string;
  categories: string[];
  score: number;
  reason: string;
  becauseItemId?: string;
  predictedRating?: number;
}

export type Strategy = 'personalised' | 'content' | 'popularity' | 'item-knn';

export interface Recommendations {
  userId?: string;
  itemId?: string;
  strategy: Strategy;
  modelVersion: string | null;
  items: RecommendedItem[];
}

export interface ModelVersionView {
  version: string;
  ranker: string;
  active: boolean;
  jobId: string | null;
  counts: { users?: number; items?: number; interactions?: number; ratings?: number };
  metrics: Record<string, unknown> & { seconds?: Record<string, number> };
  params: Record<string, unknown>;
  createdAt: string;
}

export interface ActiveModel {
  ok: boolean;
  served: boolean;
  version?: string;
  ranker?: string;
  reason?: string;
}

export interface TrainingJob {
  id: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
  progress: number;
  stage: string | null;
  detail: string | null;
  result: { version?: string; metrics?: Record<string, number> } | null;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}
