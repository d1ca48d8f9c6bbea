import { throwIfCancelled, yieldToEventLoop, type TrainedRecommender, type TrainingControl, type TrainingEvent } from '@matrix/recommender-model';
import { DEFAULT_BIASED_MF, BiasedMfOptions, trainBiasedMf } from './biased-mf';
import { BprOptions, DEFAULT_BPR, trainBpr } from './bpr';
import { DEFAULT_EASE_L2, trainEase } from './ease';
import { indexInteractions, itemsByUser } from './interaction-data';
import { itemGram } from './item-cooccurrence';
import { DEFAULT_KNN_NEIGHBOURS, trainItemKnn } from './item-knn';
import { itemPopularity } from './popularity';
import { overallFraction, stageControl, type TrainingStage } from './training-stages';

export interface RecommenderTrainingOptions {
  mf: Partial<BiasedMfOptions>;
  bpr: Partial<BprOptions>;
  easeL2: number;
  knnNeighbours: number;
  /** EASE inverts an items × items matrix: above this many items it is skipped and BPR ranks. */
  easeMaxItems: number;
  /** Which ranker to train: auto = EASE up to easeMaxItems items, else BPR; both = train both (evaluation). */
  ranker: 'auto' | 'ease' | 'bpr' | 'both';
}

export const DEFAULT_TRAINING: RecommenderTrainingOptions = {
  // Tuned on ML-100K (5-fold, 80/20): 64 factors, L2 0.1, 20 epochs, batch 4096 at lr 0.007 → RMSE ≈ 0.908 as a 3-seed ensemble.
  mf: { ...DEFAULT_BIASED_MF, epochs: 20, factorL2: 0.1, batchSize: 4096, learningRate: 0.007 },
  bpr: DEFAULT_BPR,
  easeL2: DEFAULT_EASE_L2,
  knnNeighbours: DEFAULT_KNN_NEIGHBOURS,
  easeMaxItems: 6000,
  ranker: 'auto',
};

interface Timings {
  seconds: Record<string, number>;
  cpuSeconds: Record<string, number>;
}

async function timed<T>(timings: Timings, name: string, run: () => Promise<T> | T): Promise<T> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = await run();
  const used = process.cpuUsage(cpu);
  timings.seconds[name] = (performance.now() - started) / 1000;
  timings.cpuSeconds[name] = (used.user + used.system) / 1e6;
  return result;
}

/**
 * Trains popularity, item-item kNN, EASE, BPR (implicit: every interaction is a positive) and
 * biased MF (explicit ratings only). Stages report progress through `control`; cancelling stops
 * at the next epoch or stage boundary.
 */
export async function trainRecommender(
  events: readonly TrainingEvent[],
  itemUniverse: readonly string[] = [],
  options: Partial<RecommenderTrainingOptions> = {},
  control?: TrainingControl,
): Promise<TrainedRecommender> {
  const o = { ...DEFAULT_TRAINING, ...options };
  if (events.length === 0) throw new Error('no interactions to train on: add events or import a dataset first');
  const data = indexInteractions(
    events.map((e) => ({ userId: e.userId, itemId: e.itemId, value: e.rating ?? NaN })),
    itemUniverse,
  );
  const users = data.userIds.length;
  const items = data.itemIds.length;
  const seen = itemsByUser(data);
  const ratings = data.interactions.filter((r) => !Number.isNaN(r.value));
  const timings: Timings = { seconds: {}, cpuSeconds: {} };
  // Every report is a fraction of the whole run (training-stages.ts), so the bar only moves forward.
  const stage = (name: TrainingStage, fraction: number) => control?.onProgress?.({ stage: name, fraction: overallFraction(name, fraction) });

  stage('popularity', 0);
  const popularity = itemPopularity(seen, items);
  const gram = await timed(timings, 'gram', () => itemGram(seen, items));
  throwIfCancelled(control);
  stage('item-knn', 0);
  const knn = await timed(timings, 'item-knn', () => trainItemKnn(gram, items, o.knnNeighbours));
  stage('item-knn', 1);
  await yieldToEventLoop();
  throwIfCancelled(control);
  const wantEase = o.ranker === 'ease' || o.ranker === 'both' || (o.ranker === 'auto' && items <= o.easeMaxItems);
  if (wantEase && items > o.easeMaxItems) throw new Error(`EASE needs an ${items}×${items} matrix; it is limited to ${o.easeMaxItems} items: use ranker bpr`);
  stage('ease', 0);
  const ease = wantEase ? await timed(timings, 'ease', () => trainEase(gram, items, o.easeL2, seen)) : null;
  stage('ease', 1);
  await yieldToEventLoop();
  throwIfCancelled(control);
  const bpr =
    !ease || o.ranker === 'both' || o.ranker === 'bpr' ? await timed(timings, 'bpr', () => trainBpr(seen, items, o.bpr, stageControl(control, 'bpr'))) : null;
  const mf = ratings.length ? await timed(timings, 'biased-mf', () => trainBiasedMf(ratings, users, items, o.mf, stageControl(control, 'biased-mf'))) : null;
  throwIfCancelled(control);
  stage('biased-mf', 1);
  return {
    userIds: data.userIds,
    itemIds: data.itemIds,
    seen,
    popularity,
    knn,
    ease,
    bpr,
    mf,
    seconds: timings.seconds,
    cpuSeconds: timings.cpuSeconds,
    counts: { users, items, interactions: events.length, ratings: ratings.length },
  };
}
