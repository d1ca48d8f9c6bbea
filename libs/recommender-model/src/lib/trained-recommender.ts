import type { BiasedMfModel } from './biased-mf-model';
import type { FactorRanker } from './factor-ranker';
import type { ItemNeighbours } from './item-neighbours';

/** One event as training sees it: explicit ratings carry a value, implicit events (view, click, purchase) do not. */
export interface TrainingEvent {
  userId: string;
  itemId: string;
  rating: number | null;
}

/** Every model of one training run, over one user/item index space. */
export interface TrainedRecommender {
  userIds: string[];
  itemIds: string[];
  /** Each user's item indices (any interaction), sorted. */
  seen: Int32Array[];
  popularity: Float32Array;
  knn: ItemNeighbours;
  /** EASE item-item weights (items × items), or null when there are too many items. */
  ease: Float32Array | null;
  /** BPR factors, when BPR was trained (the ranker above easeMaxItems items, or asked for). */
  bpr: FactorRanker | null;
  /** Biased MF on the explicit ratings, or null when there are none. */
  mf: BiasedMfModel | null;
  /** Wall-clock seconds per model. */
  seconds: Record<string, number>;
  /** CPU seconds per model (user + system of this process): what the work costs when other processes share the cores. */
  cpuSeconds: Record<string, number>;
  counts: { users: number; items: number; interactions: number; ratings: number };
}
