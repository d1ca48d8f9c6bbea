/**
 * Trains a new recommender version and writes it under RECOMMENDER_MODEL_DIR (default
 * tmp/recommender-models/<version>): from the product database (RECOMMENDER_DATABASE_URL, else derived from DATABASE_URL: what the API's
 * training jobs read), or straight from a MovieLens folder with --data. With --gateway, item texts
 * are embedded there for content-based cold start. Progress is printed; Ctrl-C cancels cleanly.
 * `npx nx run recommender-api:train [-- --data ../shared/datasets/movielens-100k] [--ranker auto|ease|bpr]`
 */
import { createPrismaClient, migrateDatabase, productDatabaseUrl } from '@matrix/db';
import { loadMovieLens100k } from '@matrix/datasets';
import { cliArgs } from '@matrix/dev-harness';
import { GatewayClient } from '@matrix/gateway-client';
import { formatTable } from '@matrix/evaluation-metrics';
import { loadTrainingEvents } from '../src/jobs/training-events';
import { embedItemTexts } from './content-embeddings';
import { newVersion, recommenderModelDir, TrainingCancelledError, type TrainingEvent } from '@matrix/recommender-model';
import { writeArtifact } from './model-artifact';
import { useWasmBackend } from '@matrix/model-training';
import { trainRecommender } from './train-recommender';

const usage = `Usage: npx nx run recommender-api:train -- [flags]
  --data <dir>        train on a MovieLens folder (u.data, u.item) instead of the database
  --ranker auto       auto (EASE up to 6,000 items, else BPR) | ease | bpr
  --gateway <url>     embed item texts through this gateway for content cold start (default: none)
  --embedding-model use-lite-en`;

async function main() {
  const args = cliArgs(usage, { data: '', ranker: 'auto', gateway: '', 'embedding-model': 'use-lite-en' });
  if (!['auto', 'ease', 'bpr'].includes(args.ranker)) {
    console.error(`--ranker must be auto, ease or bpr\n\n${usage}`);
    process.exit(2);
  }
  const abort = new AbortController();
  process.once('SIGINT', () => {
    console.log('\ncancelling at the next epoch…');
    abort.abort();
  });
  console.log(`TensorFlow.js ${await useWasmBackend()}`);
  let events: TrainingEvent[];
  let itemIds: string[];
  let texts: Map<string, string>;
  const db = args.data ? null : createPrismaClient({ product: 'recommender' });
  if (args.data) {
    const ml = loadMovieLens100k(args.data);
    events = ml.ratings.map((r) => ({ userId: String(r.userId), itemId: String(r.itemId), rating: r.rating }));
    itemIds = ml.movies.map((m) => String(m.id));
    texts = new Map(ml.movies.map((m) => [String(m.id), `${m.title}. Genres: ${m.genres.join(', ')}.${m.releaseDate ? ` Released ${m.releaseDate}.` : ''}`]));
    console.log(`${args.data}: ${events.length} ratings, ${itemIds.length} items`);
  } else {
    await migrateDatabase(productDatabaseUrl('recommender'));
    ({ events, itemIds, texts } = await loadTrainingEvents(db!));
    console.log(`database: ${events.length} user-item pairs, ${itemIds.length} items`);
  }
  let lastLine = '';
  const trained = await trainRecommender(
    events,
    itemIds,
    { ranker: args.ranker as 'auto' },
    {
      signal: abort.signal,
      onProgress: (p) => {
        const line = `${p.stage} ${Math.round(p.fraction * 100)}%${p.detail ? ` ${p.detail}` : ''}`;
        if (line !== lastLine && (p.fraction === 0 || p.fraction === 1 || /epoch (\d+)\//.test(line))) console.log(`  ${line}`);
        lastLine = line;
      },
    },
  );
  let content = null;
  if (args.gateway) {
    const gateway = new GatewayClient({ baseUrl: args.gateway });
    content = await embedItemTexts(
      trained.itemIds.map((id) => texts.get(id) ?? id),
      (batch) => gateway.embed(batch, { model: args['embedding-model'] }),
      'item',
    );
    console.log(`item texts embedded with ${content.model} (${content.dimensions}-d)`);
  }
  const version = newVersion();
  const dir = recommenderModelDir();
  const manifest = await writeArtifact(dir, { trained, version, content, params: { ranker: args.ranker, source: args.data || 'database' } });
  if (db) {
    await db.$transaction([
      db.recommenderModelVersion.updateMany({ where: { active: true }, data: { active: false } }),
      db.recommenderModelVersion.create({
        data: {
          version,
          ranker: manifest.ranker,
          counts: JSON.stringify(manifest.counts),
          metrics: JSON.stringify({ seconds: trained.seconds }),
          params: JSON.stringify(manifest.params),
          active: true,
        },
      }),
    ]);
    await db.$disconnect();
  }
  console.log(
    `\n${formatTable(
      Object.entries(trained.seconds).map(([model, seconds]) => ({ model, seconds, 'CPU s': trained.cpuSeconds[model] })),
      { digits: 2 },
    )}\n`,
  );
  console.log(`wrote ${dir}/${version} (ranker ${manifest.ranker}; ${manifest.counts.users} users, ${manifest.counts.items} items)`);
  console.log(
    JSON.stringify({
      version,
      ranker: manifest.ranker,
      ...manifest.counts,
      train_s: Math.round(Object.values(trained.seconds).reduce((a, b) => a + b, 0) * 10) / 10,
      train_cpu_s: Math.round(Object.values(trained.cpuSeconds).reduce((a, b) => a + b, 0) * 10) / 10,
    }),
  );
}

main().catch((error) => {
  if (error instanceof TrainingCancelledError) {
    console.log('training cancelled; nothing was written');
    process.exit(130);
  }
  console.error(error);
  process.exit(1);
});
