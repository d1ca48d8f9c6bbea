import { newVersion, writeVersionFolder, type ArtifactManifest, type RankerKind, type TrainedRecommender } from '@matrix/recommender-model';
import { rankerLayersFiles, transposeFactors } from './ranker-layers-model';

export interface WriteArtifactInput {
  trained: TrainedRecommender;
  version?: string;
  metrics?: Record<string, number>;
  params?: Record<string, unknown>;
  content?: { model: string; version: string; dimensions: number; embeddings: Float32Array } | null;
}

/**
 * Writes a trained run as a version folder (the format is @matrix/recommender-model's): the ranker
 * as the gateway's tfjs-layers item-ranking model (EASE's B, or BPR's item factors), kNN, MF, BPR
 * user factors and content embeddings.
 */
export async function writeArtifact(dir: string, input: WriteArtifactInput): Promise<ArtifactManifest> {
  const { trained } = input;
  const version = input.version ?? newVersion();
  const items = trained.itemIds.length;
  const ranker: RankerKind = trained.ease ? 'ease' : 'bpr';
  const bpr = trained.bpr;
  const k = bpr?.factors ?? 0;
  let rankerFiles: Record<string, Buffer>;
  if (trained.ease) rankerFiles = await rankerLayersFiles(trained.ease, items, items);
  else if (bpr) rankerFiles = await rankerLayersFiles(transposeFactors(bpr.itemFactors, items, k), k, items, bpr.itemBias);
  else throw new Error('nothing to serve: neither EASE nor BPR was trained');
  const manifest: ArtifactManifest = {
    version,
    createdAt: new Date().toISOString(),
    ranker,
    rankerInputWidth: trained.ease ? items : k,
    userIds: trained.userIds,
    itemIds: trained.itemIds,
    popularity: Array.from(trained.popularity),
    counts: trained.counts,
    seconds: trained.seconds,
    metrics: input.metrics ?? {},
    params: input.params ?? {},
    mf: trained.mf
      ? { factors: trained.mf.factors, globalMean: trained.mf.globalMean, minRating: trained.mf.minRating, maxRating: trained.mf.maxRating }
      : null,
    bprFactors: k,
    content: input.content ? { model: input.content.model, version: input.content.version, dimensions: input.content.dimensions } : null,
  };
  writeVersionFolder(dir, {
    manifest,
    rankerFiles,
    knn: trained.knn,
    mf: trained.mf,
    bprUserFactors: bpr?.userFactors ?? null,
    content: input.content?.embeddings ?? null,
  });
  return manifest;
}
