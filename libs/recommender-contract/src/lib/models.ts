import type { JobView } from '@matrix/product-contract';

/** A trained version as GET /api/models lists it. */
export interface ModelVersionView {
  version: string;
  /** ease | bpr: the ranker the gateway serves for it. */
  ranker: string;
  active: boolean;
  jobId: string | null;
  counts: { users?: number; items?: number; interactions?: number; ratings?: number };
  /** Hold-out metrics (ndcg@10, precision@10, recall@10, map@10, rmse) and training seconds per model. */
  metrics: Record<string, unknown> & { seconds?: Record<string, number> };
  params: Record<string, unknown>;
  createdAt: string;
}

/** The served version (GET /api/models/active), and the reason when the gateway does not serve it. */
export interface ActiveModelState {
  ok: boolean;
  served: boolean;
  version?: string;
  ranker?: string;
  reason?: string;
}

/**
 * A `train` job as the API shows it (GET /api/jobs/:id, /api/training-jobs/:id); its `result`, once succeeded, holds
 * the version, counts, seconds and metrics.
 */
export interface TrainingJobView extends JobView<Record<string, unknown>> {
  /** The trainer's current stage and detail (epoch, loss), while it runs on this replica. */
  stage: string | null;
  detail: string | null;
  params: Record<string, unknown>;
}
