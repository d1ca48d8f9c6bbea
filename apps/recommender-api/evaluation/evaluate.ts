/**
 * Offline evaluation of the recommender's models on MovieLens (any folder in the ML-100K layout):
 * trains them with the same pipeline as `recommender-api:train` and the API's training jobs,
 * ranks each test user's unseen items, and scores the top 10 with Microsoft Recommenders'
 * definitions (libs/evaluation-metrics); RMSE of biased MF on held-out ratings. Prints a table per
 * model, then one JSON line for the served ranker (EASE, or BPR when EASE is skipped).
 * `npx nx run recommender-api:evaluate [-- --protocol random|temporal|u1 --data <dir> --seed 42]`
 */
import { cpus, loadavg } from 'node:os';
import { basename } from 'node:path';
import { movieLens100kDir, Rating } from '@matrix/datasets';
import { cliArgs } from '@matrix/dev-harness';
import { formatTable, TableRow } from '@matrix/evaluation-metrics';
import { useWasmBackend } from '@matrix/model-training';
import { easeScores, factorScores, knnScores, type TrainingEvent } from '@matrix/recommender-model';
import { trainBiasedMf } from '../training/biased-mf';
import { DEFAULT_TRAINING, trainRecommender } from '../training/train-recommender';
import { RankingMetrics, rankingMetrics, ratingRmse } from './offline-metrics';
import { Protocol, PROTOCOLS, protocolSplits } from './protocols';

const usage = `Usage: npx nx run recommender-api:evaluate -- [flags]
  --protocol random   random (MS Recommenders 75/25 stratified; RMSE by 5-fold CV) | temporal (last 20% per user) | u1
  --data <dir>        a MovieLens folder (u.data, u.item…; u1.base/u1.test for --protocol u1); default ../shared/datasets/movielens-100k
  --seed 42           seed of the random split, the folds and the models
  --folds 5           RMSE folds for --protocol random`;

function log(line: string) {
  console.log(`[evaluate ${new Date().toISOString().slice(11, 19)}] ${line}`);
}

const asEvents = (ratings: readonly Rating[], explicit: boolean): TrainingEvent[] =>
  ratings.map((r) => ({ userId: String(r.userId), itemId: String(r.itemId), rating: explicit ? r.rating : null }));

const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;

async function main() {
  const args = cliArgs(usage, { protocol: 'random', data: movieLens100kDir(), seed: '42', folds: '5' });
  if (!PROTOCOLS.includes(args.protocol as Protocol)) {
    console.error(`--protocol must be one of ${PROTOCOLS.join(', ')} (got "${args.protocol}")\n\n${usage}`);
    process.exit(2);
  }
  const folds = Number(args.folds);
  if (!Number.isInteger(folds) || folds < 2 || folds > 10) {
    console.error(`--folds must be an integer from 2 to 10 (got "${args.folds}")\n\n${usage}`);
    process.exit(2);
  }
  const protocol = args.protocol as Protocol;
  const seed = Number(args.seed);
  const backend = await useWasmBackend();
  const splits = protocolSplits(protocol, args.data, seed, folds);
  const dataset = basename(args.data) === 'movielens-100k' ? 'ml-100k' : basename(args.data);
  log(`${dataset} (${args.data}), protocol ${protocol}: ${splits.description}; TensorFlow.js ${backend}`);
  log(`ranking split: ${splits.ranking.train.length} train / ${splits.ranking.test.length} test ratings`);

  // Ranking models train on implicit positives (every rating, whatever its value), as in the benchmark.
  const sameSplitForRmse = splits.rmseFolds.length === 1 && splits.rmseFolds[0] === splits.ranking;
  const options = { ...DEFAULT_TRAINING, ranker: 'both' as const, bpr: { ...DEFAULT_TRAINING.bpr, seed }, mf: { ...DEFAULT_TRAINING.mf, seed } };
  const trained = await trainRecommender(asEvents(splits.ranking.train, sameSplitForRmse), [], options, {
    onProgress: (p) => p.detail && /epoch (\d+)\/\1 /.test(p.detail) && log(`${p.stage}: ${p.detail}`),
  });
  const userIndex = new Map(trained.userIds.map((id, i) => [id, i]));
  const itemIndex = new Map(trained.itemIds.map((id, i) => [id, i]));
  const items = trained.itemIds.length;
  const rankers: Array<[string, (u: number) => ArrayLike<number>, number]> = [
    ...(trained.ease
      ? [
          ['EASE', (u: number) => easeScores(trained.ease!, items, trained.seen[u]), trained.seconds.gram + trained.seconds.ease] as [
            string,
            (u: number) => ArrayLike<number>,
            number,
          ],
        ]
      : []),
    ['BPR (TensorFlow.js)', (u) => factorScores(trained.bpr!, u), trained.seconds.bpr],
    ['item-item kNN (cosine)', (u) => knnScores(trained.knn, items, trained.seen[u]), trained.seconds.gram + trained.seconds['item-knn']],
    ['popularity', () => trained.popularity, 0],
  ];
  const results: Array<{ name: string; metrics: RankingMetrics; seconds: number }> = [];
  for (const [name, scores, seconds] of rankers) {
    results.push({ name, metrics: rankingMetrics(splits.ranking.test, userIndex, trained.itemIds, trained.seen, scores), seconds });
  }

  // RMSE: biased MF on each fold (or on the ranking split when the protocol has one split).
  const rmses: number[] = [];
  const mfSeconds: number[] = [];
  const mfCpuSeconds: number[] = [];
  for (const [f, fold] of splits.rmseFolds.entries()) {
    if (fold === splits.ranking && trained.mf) {
      rmses.push(ratingRmse(trained.mf, fold.test, userIndex, itemIndex));
      mfSeconds.push(trained.seconds['biased-mf']);
      mfCpuSeconds.push(trained.cpuSeconds['biased-mf']);
      continue;
    }
    const users = new Map<string, number>();
    const foldItems = new Map<string, number>();
    const indexOf = (map: Map<string, number>, id: string) => map.get(id) ?? map.set(id, map.size).get(id)!;
    const ratings = fold.train.map((r) => ({ user: indexOf(users, String(r.userId)), item: indexOf(foldItems, String(r.itemId)), value: r.rating }));
    const started = performance.now();
    const cpu = process.cpuUsage();
    const mf = await trainBiasedMf(ratings, users.size, foldItems.size, options.mf);
    const used = process.cpuUsage(cpu);
    mfSeconds.push((performance.now() - started) / 1000);
    mfCpuSeconds.push((used.user + used.system) / 1e6);
    rmses.push(ratingRmse(mf, fold.test, users, foldItems));
    log(`RMSE fold ${f + 1}/${splits.rmseFolds.length}: ${rmses[rmses.length - 1].toFixed(4)} (${mfSeconds[mfSeconds.length - 1].toFixed(1)} s)`);
  }
  const meanRmse = rmses.reduce((a, b) => a + b, 0) / rmses.length;
  const meanMfSeconds = mfSeconds.reduce((a, b) => a + b, 0) / mfSeconds.length;
  const meanMfCpuSeconds = mfCpuSeconds.reduce((a, b) => a + b, 0) / mfCpuSeconds.length;

  // Training time of what `train` builds for serving: the served ranker (EASE; BPR above 6,000 items), kNN and popularity, plus one MF fit.
  const served = (t: Record<string, number>) => t.gram + (trained.ease ? t.ease : t.bpr) + t['item-knn'];
  const trainSeconds = served(trained.seconds) + meanMfSeconds;
  const trainCpuSeconds = served(trained.cpuSeconds) + meanMfCpuSeconds;
  const load = loadavg()[0];
  const table: TableRow[] = results.map((r) => ({
    model: r.name,
    'nDCG@10': r.metrics['ndcg@10'],
    'P@10': r.metrics['precision@10'],
    'R@10': r.metrics['recall@10'],
    'MAP@10': r.metrics['map@10'],
    'train s': round(r.seconds, 1),
  }));
  table.push({
    model: `biased MF (Adam on typed arrays), RMSE ${splits.rmseDescription}`,
    'nDCG@10': null,
    'P@10': null,
    'R@10': null,
    'MAP@10': null,
    'train s': round(meanMfSeconds, 1),
  });
  console.log(`\n${formatTable(table)}\n`);
  console.log(`users evaluated: ${results[0].metrics.users}; RMSE ${meanRmse.toFixed(4)} (${rmses.map((r) => r.toFixed(4)).join(', ')})`);
  console.log(
    `training of the served set (ranker + kNN + one MF fit): ${trainSeconds.toFixed(1)} s wall, ${trainCpuSeconds.toFixed(1)} s CPU; 1-minute load average ${load.toFixed(1)} on ${cpus().length} cores (the cores are shared: wall time grows with the load)`,
  );
  console.log('reference (MS Recommenders ML-100K 75/25): BPR nDCG@10 0.442, BiVAE 0.475, LightGCN 0.420; Surprise SVD RMSE 0.934 (5-fold)\n');

  const best = results[0];
  console.log(
    JSON.stringify({
      dataset,
      protocol: `${protocol}: ${splits.description}; rmse: ${splits.rmseDescription}`,
      model: best.name,
      'ndcg@10': round(best.metrics['ndcg@10']),
      'precision@10': round(best.metrics['precision@10']),
      'recall@10': round(best.metrics['recall@10']),
      'map@10': round(best.metrics['map@10']),
      rmse: round(meanRmse),
      train_s: round(trainSeconds, 1),
      train_cpu_s: round(trainCpuSeconds, 1),
      load_avg_1m: round(load, 1),
    }),
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
