/**
 * `npx nx run workspace-tools:scale-out-e2e` — the platform past one machine, here: two inference gateway replicas
 * and two replicas of each product API in production mode (PostgreSQL — a fresh database of the run, each product
 * in its schema, identity in `platform` — and Redis/BullMQ), each pair behind a real load balancer (Debian's
 * haproxy on 127.0.0.1, health checks on the readiness routes, retries on connection failure). Every product
 * registers its model once, through the balancer; a closed-loop load of every product's main route runs through the
 * balancers while gateway-1 and sentiment-api-2 are SIGKILLed and started again. Prints a table, then one JSON line:
 * {"suite":"scale-out","gateway_replicas":2,"api_replicas":2,"requests":N,"errors":0,"lost_rows":0,"p99_ms":…,"killed":[…]}
 * Exit code 1 unless errors and lost_rows are 0.
 */
import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { imagenetSampleDir, loadBanking77, loadImageFolder, loadLabelledTsv, loadMovieLens100k, sst2Path } from '@matrix/datasets';
import { createPrismaClient, createTestDatabase, migrateDatabase, productDatabaseEnvName, productDatabaseUrl, type TestDatabase } from '@matrix/db';
import { call, freePort, harnessAdminToken, latencyStats, manifestWithModels, runLoad, startAppProcess, waitFor, type LoadResult } from '@matrix/dev-harness';
import { workspaceRoot } from '@matrix/paths';
import { ChaosStack, type GatewayHandle, type ProductProcess } from '../chaos/chaos-stack';
import type { ProductApi } from '../chaos/product-databases';
import { startLoadBalancer, type BalancedPool, type LoadBalancer } from './load-balancer';
import {
  chatbotRequest,
  imageTaggerRequest,
  measured,
  newTally,
  recommenderRequest,
  sentimentRequest,
  type ProductRequest,
  type ProductTally,
} from './product-load';
import { parseScaleOutOptions, scaleOutUsage, type ScaleOutOptions, type ScaleOutProduct } from './scale-out-options';

const REPLICAS = 2;
/** How long a restarted replica may take to be ready again (its boot competes with the load on 2 shared cores). */
const RESTART_READY_MS = 300_000;
/** The gateway models the four products call (a small manifest: the text encoder and the image classifier). */
const GATEWAY_MODELS = ['use-lite-en', 'mobilenetv2-int8'];
const API_OF: Record<ScaleOutProduct, ProductApi> = {
  sentiment: 'sentiment-api',
  'support-chatbot': 'support-chatbot-api',
  recommender: 'recommender-api',
  'image-tagger': 'image-tagger-api',
};

function log(line: string): void {
  console.log(`[scale-out ${new Date().toISOString().slice(11, 19)}] ${line}`);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The whole world of one run, stopped together however it ends. */
class ScaleOutWorld {
  readonly stack: ChaosStack;
  readonly runId = randomBytes(4).toString('hex');
  database?: TestDatabase;
  balancer?: LoadBalancer;
  gateways: GatewayHandle[] = [];
  apis = new Map<ScaleOutProduct, ProductProcess[]>();

  constructor() {
    this.stack = new ChaosStack(join(workspaceRoot(), 'tmp', 'scale-out'), 'run');
  }

  /** The run's database URL (its schemas derive from it). */
  get databaseUrl(): string {
    if (!this.database) throw new Error('the run has no database yet');
    return this.database.url;
  }

  /** The replicas of a product API, in order (replica 1 first). */
  replicasOf(product: ScaleOutProduct): ProductProcess[] {
    const replicas = this.apis.get(product) ?? [];
    this.apis.set(product, replicas);
    return replicas;
  }

  async stop(): Promise<void> {
    await this.balancer?.stop(2000).catch(() => undefined);
    await this.stack.stop();
    await this.database?.drop().catch((error: Error) => log(`could not drop the run's database: ${error.message}`));
  }
}

/** The env every API replica shares: the run's PostgreSQL database + Redis, the gateway balancer, one identity store. */
function productEnv(world: ScaleOutWorld, product: ScaleOutProduct, gatewayUrl: string): Record<string, string> {
  const databaseUrl = world.databaseUrl;
  const api = API_OF[product];
  return {
    DATABASE_URL: databaseUrl,
    [productDatabaseEnvName(api)]: productDatabaseUrl(api, { DATABASE_URL: databaseUrl }),
    PLATFORM_DATABASE_URL: productDatabaseUrl('platform', { DATABASE_URL: databaseUrl }),
    REDIS_URL: process.env.SCALE_OUT_REDIS_URL || 'redis://127.0.0.1:6379',
    JOB_QUEUE: 'bullmq',
    // Each run its own queues and counters in the shared Redis.
    JOB_QUEUE_PREFIX: `scale-out-${world.runId}`,
    GATEWAY_URL: gatewayUrl,
    // The load is a few clients from one address (the balancer's): the per-IP limits for the public would refuse it.
    RATE_LIMIT_PUBLIC: '0',
    RATE_LIMIT_VISITOR: '0',
    TRUST_PROXY: 'loopback',
    CHATBOT_RATE_PER_MINUTE: '1000',
    // Both tagger replicas store uploads on one shared folder (a shared volume in a deployment).
    ...(product === 'image-tagger'
      ? { IMAGE_STORE_DIR: join(world.stack.scratch, 'image-store'), IMAGE_TAGGER_FEATURES: 'classify', IMAGE_TAGGER_RETAG_ON_MODEL_CHANGE: 'false' }
      : {}),
  };
}

/**
 * A killed gateway started again at its address, with its env (manifest, shared model store). Given longer than a
 * first start to be ready: on 2 cores it boots while every other process is under load.
 */
async function restartGateway(world: ScaleOutWorld, previous: GatewayHandle): Promise<GatewayHandle> {
  const gateway = await startAppProcess('inference-gateway', {
    portVariable: 'GATEWAY_PORT',
    readyPath: '/v2/health/ready',
    env: { ...previous.env, GATEWAY_HOST: '127.0.0.1' },
    port: previous.port,
    readyTimeoutMs: RESTART_READY_MS,
  });
  return world.stack.add({ ...gateway, port: previous.port, env: previous.env });
}

/** MovieLens items and the first `ratings` ratings into the recommender, then a training run (the model is activated). */
async function seedRecommender(url: string, ratings: number): Promise<string[]> {
  const ml = loadMovieLens100k();
  const uItem = ml.movies
    .map((m) =>
      [m.id, m.title, m.releaseDate ?? '', m.videoReleaseDate ?? '', m.imdbUrl ?? '', ...ml.genres.map((g) => (m.genres.includes(g) ? '1' : '0'))].join('|'),
    )
    .join('\n');
  const ratingLines = ml.ratings.slice(0, ratings).map((r) => [r.userId, r.itemId, r.rating, r.timestamp].join('\t'));
  const items = await call('POST', `${url}/api/imports/items?format=movielens`, `${uItem}\n`, 'text/plain');
  if (items.status !== 200) throw new Error(`recommender items import answered ${items.status}: ${items.text.slice(0, 300)}`);
  // In slices of 2,500 (short transactions on a busy 2-core machine), each tried again once after a 5xx.
  for (let i = 0; i < ratingLines.length; i += 2500) {
    const slice = `${ratingLines.slice(i, i + 2500).join('\n')}\n`;
    let imported = await call('POST', `${url}/api/imports/interactions?format=movielens`, slice, 'text/plain');
    if (imported.status >= 500) {
      log(`recommender ratings import (slice ${i / 2500 + 1}) answered ${imported.status}; trying it again`);
      await sleep(2000);
      imported = await call('POST', `${url}/api/imports/interactions?format=movielens`, slice, 'text/plain');
    }
    if (imported.status >= 300 && imported.status !== 202)
      throw new Error(`recommender ratings import answered ${imported.status}: ${imported.text.slice(0, 300)}`);
    if (imported.status === 202) await waitForJob(url, imported.body.job.id, 'ratings import');
  }
  const training = await call('POST', `${url}/api/training-jobs`, { ranker: 'ease', holdout: 0 });
  if (training.status !== 202) throw new Error(`recommender training answered ${training.status}: ${training.text.slice(0, 300)}`);
  await waitForJob(url, training.body.id, 'training');
  const users = await call('GET', `${url}/api/users?pageSize=100`);
  const ids = ((users.body?.items ?? []) as Array<{ id: string }>).map((user) => user.id);
  if (!ids.length) throw new Error(`the recommender lists no users after the import: ${users.text.slice(0, 300)}`);
  return ids;
}

async function waitForJob(url: string, id: string, what: string): Promise<void> {
  const status = await waitFor(
    `recommender ${what} job ${id}`,
    async () => {
      const job = await call('GET', `${url}/api/jobs/${encodeURIComponent(id)}`);
      return ['succeeded', 'failed', 'cancelled'].includes(job.body?.status) ? (job.body as { status: string; error?: string }) : undefined;
    },
    600_000,
    500,
  );
  if (status.status !== 'succeeded') throw new Error(`recommender ${what} job ${id} ended ${status.status}: ${status.error ?? ''}`);
}

/** Accepted ids (2xx with an id) not in the product's database afterwards. */
async function lostRows(world: ScaleOutWorld, tally: ProductTally): Promise<Record<string, number>> {
  const api = API_OF[tally.product];
  const client = createPrismaClient({ databaseUrl: productDatabaseUrl(api, { DATABASE_URL: world.databaseUrl }) });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- one delegate per table, all with findMany({where:{id:{in}}})
  const delegates: Record<string, any> = {
    analyses: client.sentimentAnalysis,
    conversations: client.chatbotConversation,
    messages: client.chatbotMessage,
    images: client.imageTaggerImage,
  };
  const lost: Record<string, number> = {};
  try {
    for (const [table, ids] of Object.entries(tally.accepted)) {
      const unique = [...new Set(ids)];
      let found = 0;
      for (let i = 0; i < unique.length; i += 500) {
        const rows = (await delegates[table].findMany({ where: { id: { in: unique.slice(i, i + 500) } }, select: { id: true } })) as unknown[];
        found += rows.length;
      }
      lost[table] = unique.length - found;
    }
  } finally {
    await client.$disconnect();
  }
  return lost;
}

function pad(value: string | number, width: number): string {
  return String(value).padStart(width);
}

async function main(): Promise<number> {
  let options: ScaleOutOptions;
  try {
    options = parseScaleOutOptions(process.argv.slice(2));
  } catch (error) {
    const message = (error as Error).message;
    console.error(message === 'help' ? scaleOutUsage() : `${message}\n\n${scaleOutUsage()}`);
    return message === 'help' ? 0 : 2;
  }
  harnessAdminToken();
  const world = new ScaleOutWorld();
  const onSignal = () => void world.stop().then(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await run(world, options);
  } finally {
    await world.stop();
  }
}

async function run(world: ScaleOutWorld, options: ScaleOutOptions): Promise<number> {
  const started = performance.now();
  // A fresh PostgreSQL database for the run; each product's schema and the platform schema migrated once here,
  // before any replica boots (the migration Job of a deployment), so N replicas never race on migrations.
  world.database = await createTestDatabase('postgresql', { migrate: false });
  const databaseUrl = world.database.url;
  for (const name of ['platform', ...options.products.map((p) => API_OF[p])]) await migrateDatabase(productDatabaseUrl(name, { DATABASE_URL: databaseUrl }));
  log(`database ${new URL(databaseUrl).pathname.slice(1)} migrated (platform + ${options.products.join(', ')})`);

  // Ports first: the balancer's config names every replica, and a restarted replica comes back at its address.
  const monitorPort = await freePort();
  const gatewayLbPort = await freePort();
  const gatewayPorts = await Promise.all(Array.from({ length: REPLICAS }, () => freePort()));
  const apiPorts = {} as Record<ScaleOutProduct, { lb: number; replicas: number[] }>;
  for (const product of options.products) {
    apiPorts[product] = { lb: await freePort(), replicas: await Promise.all(Array.from({ length: REPLICAS }, () => freePort())) };
  }
  const pools: BalancedPool[] = [
    { name: 'gateway', port: gatewayLbPort, healthPath: '/v2/health/ready', servers: gatewayPorts.map((port, i) => ({ name: `gateway-${i + 1}`, port })) },
    ...options.products.map((product) => {
      const ports = apiPorts[product];
      return {
        name: product,
        port: ports.lb,
        healthPath: '/health/ready',
        servers: ports.replicas.map((port, i) => ({ name: `${API_OF[product]}-${i + 1}`, port })),
      };
    }),
  ];
  const balancer = await startLoadBalancer(world.stack.scratch, pools, monitorPort);
  world.balancer = balancer;
  log(`haproxy up (${balancer.configPath}): ${pools.map((p) => `${p.name} :${p.port}`).join(', ')}`);

  // Two gateways: one manifest, one shared model store (registered product models).
  const gatewayEnv = { GATEWAY_MODEL_STORE: join(world.stack.scratch, 'model-store'), MODEL_MANIFEST: manifestWithModels(GATEWAY_MODELS) };
  world.gateways = await Promise.all(gatewayPorts.map((port) => world.stack.startGateway([], port, gatewayEnv)));
  const gatewayUrl = balancer.urlOf('gateway');
  log(`gateway-1, gateway-2 ready behind ${gatewayUrl}`);

  // Replica 1 of every product first: it registers the product's model once, through the balancer (and the
  // recommender gets its catalogue and a trained model); replica 2 then boots onto what is there.
  let recommenderUsers: string[] = [];
  await Promise.all(
    options.products.map(async (product) => {
      const env = productEnv(world, product, gatewayUrl);
      const port = apiPorts[product].replicas[0];
      const first = await world.stack.startProduct(API_OF[product], env, port, product === 'recommender' ? '/health/live' : '/health/ready');
      if (product === 'recommender') {
        recommenderUsers = await seedRecommender(first.url, options.ratings);
        await waitFor(
          'recommender-api-1 ready with its trained model',
          async () => ((await fetch(`${first.url}/health/ready`)).ok ? true : undefined),
          120_000,
          500,
        );
        first.readyPath = '/health/ready';
      }
      world.replicasOf(product).unshift(first);
      log(`${API_OF[product]}-1 ready`);
    }),
  );
  await Promise.all(
    options.products.map(async (product) => {
      const second = await world.stack.startProduct(API_OF[product], productEnv(world, product, gatewayUrl), apiPorts[product].replicas[1]);
      world.replicasOf(product).push(second);
      log(`${API_OF[product]}-2 ready`);
    }),
  );
  // Every pool must have both replicas in rotation before the load starts (the balancer's health checks agree).
  for (const pool of pools) {
    await waitFor(
      `${pool.name} behind the balancer`,
      async () => ((await fetch(`${balancer.urlOf(pool.name)}${pool.healthPath}`)).ok ? true : undefined),
      30_000,
      250,
    );
  }
  log(`${REPLICAS} gateways and ${REPLICAS} replicas of ${options.products.length} product APIs up in ${((performance.now() - started) / 1000).toFixed(0)} s`);

  // The load: each product's main route through its balancer, `clients` closed-loop clients each.
  const sentences = loadLabelledTsv(sst2Path('dev')).map((row) => row.sentence);
  const questions = loadBanking77('test').examples.map((example) => example.text);
  const photos = loadImageFolder(imagenetSampleDir())
    .map((image) => image.path)
    .sort((a, b) => statSync(a).size - statSync(b).size)
    .slice(0, 20);
  const tallies = options.products.map((product) => newTally(product));
  const requestOf = (tally: ProductTally): ProductRequest => {
    const url = balancer.urlOf(tally.product);
    switch (tally.product) {
      case 'sentiment':
        return sentimentRequest(url, sentences, tally);
      case 'support-chatbot':
        return chatbotRequest(url, questions, tally);
      case 'recommender':
        return recommenderRequest(url, recommenderUsers);
      case 'image-tagger':
        return imageTaggerRequest(url, photos, tally, world.runId);
    }
  };
  log(`load: ${options.clients} clients per product for ${options.durationSeconds} s; kills: ${options.kills.join(', ') || 'none'}`);
  const durationMs = options.durationSeconds * 1000;
  const loadStarted = performance.now();
  const loads: Promise<LoadResult>[] = tallies.map((tally) =>
    runLoad({ concurrency: options.clients, durationMs, request: measured(tally, requestOf(tally)) }),
  );

  // The faults, during the load, each at its own time (gateway-1 at 20 %, sentiment-api-2 at 45 % of it):
  // SIGKILL, down for the outage, started again at the same address.
  const killed: string[] = [];
  const fault = async (name: string, atShare: number, kill: () => Promise<void>, restart: () => Promise<void>) => {
    await sleep(durationMs * atShare);
    await kill();
    killed.push(name);
    log(`${name} killed (SIGKILL); down for ${options.outageSeconds} s`);
    await sleep(options.outageSeconds * 1000);
    const t = performance.now();
    await restart();
    log(`${name} started again, ready in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  };
  const faults = Promise.all([
    options.kills.includes('gateway-1')
      ? fault(
          'gateway-1',
          0.2,
          () => world.gateways[0].kill(),
          async () => void (world.gateways[0] = await restartGateway(world, world.gateways[0])),
        )
      : undefined,
    options.kills.includes('sentiment-api-2')
      ? fault(
          'sentiment-api-2',
          0.45,
          () => world.replicasOf('sentiment')[1].kill(),
          async () => {
            const replicas = world.replicasOf('sentiment');
            replicas[1] = await world.stack.restartProduct(replicas[1]);
          },
        )
      : undefined,
  ]);
  const results = await Promise.all(loads);
  await faults;
  // In the order of the options (gateway-1 first), whichever died first.
  killed.sort((a, b) => options.kills.indexOf(a as never) - options.kills.indexOf(b as never));
  log(`load done in ${((performance.now() - loadStarted) / 1000).toFixed(0)} s; checking every accepted write in the databases`);

  const lost = await Promise.all(tallies.map((tally) => lostRows(world, tally)));
  const rows = tallies.map((tally, i) => {
    const stats = latencyStats(tally.latencies);
    const lostHere = Object.values(lost[i]).reduce((a, b) => a + b, 0);
    const accepted = Object.values(tally.accepted).reduce((a, ids) => a + ids.length, 0);
    return { tally, result: results[i], stats, lost: lostHere, accepted };
  });
  const header = `${'product'.padEnd(16)}${pad('requests', 9)}${pad('errors', 8)}${pad('req/s', 7)}${pad('p50 ms', 8)}${pad('p95 ms', 8)}${pad('p99 ms', 8)}${pad('accepted', 9)}${pad('lost', 6)}`;
  console.log(`\n${header}\n${'-'.repeat(header.length)}`);
  for (const row of rows) {
    console.log(
      `${row.tally.product.padEnd(16)}${pad(row.result.requests + row.result.errors, 9)}${pad(row.result.errors, 8)}${pad(row.result.requestsPerSecond.toFixed(1), 7)}` +
        `${pad(Math.round(row.stats.p50Ms), 8)}${pad(Math.round(row.stats.p95Ms), 8)}${pad(Math.round(row.stats.p99Ms), 8)}${pad(row.accepted, 9)}${pad(row.lost, 6)}`,
    );
  }
  console.log('');
  for (const row of rows) {
    if (row.result.errors) console.log(`${row.tally.product}: failures ${JSON.stringify(row.tally.failures)}; first: ${row.tally.firstFailure}`);
    if (row.lost) console.log(`${row.tally.product}: accepted but missing ${JSON.stringify(lost[rows.indexOf(row)])}`);
  }
  const all = latencyStats(tallies.flatMap((tally) => tally.latencies));
  const requests = rows.reduce((sum, row) => sum + row.result.requests + row.result.errors, 0);
  const errors = rows.reduce((sum, row) => sum + row.result.errors, 0);
  const lostTotal = rows.reduce((sum, row) => sum + row.lost, 0);
  const summary = {
    suite: 'scale-out',
    gateway_replicas: REPLICAS,
    api_replicas: REPLICAS,
    requests,
    errors,
    lost_rows: lostTotal,
    p99_ms: Math.round(all.p99Ms),
    killed,
  };
  console.log(JSON.stringify(summary));
  const missedKills = options.kills.filter((kill) => !killed.includes(kill));
  if (missedKills.length) log(`the run ended before ${missedKills.join(', ')} could be killed`);
  return errors === 0 && lostTotal === 0 && requests > 0 && missedKills.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.stack ?? error.message);
    process.exit(1);
  },
);
