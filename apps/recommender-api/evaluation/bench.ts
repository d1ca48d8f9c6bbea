/**
 * Latency of top-10 recommendations THROUGH the API (and the gateway ranker): starts a gateway, a
 * temp SQLite database and the API, imports a MovieLens folder through the import routes, trains
 * through POST /api/training-jobs, then times 1,000 sequential GET /api/users/:id/recommendations?k=10
 * (users round-robin) and a closed-loop throughput run. Prints a table and one JSON line.
 * `npx nx run recommender-api:bench [-- --data <movielens dir> --requests 1000 --clients 8 --seconds 10]`
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, basename } from 'node:path';
import { loadMovieLens100k, movieLens100kDir } from '@matrix/datasets';
import { migrateDatabase } from '@matrix/db';
import { cliArgs, latencyStats, manifestWithModels, runLoad, startAppProcess, type ManagedProcess } from '@matrix/dev-harness';
import { formatTable } from '@matrix/evaluation-metrics';
import type { IngestReport, Recommendations, TrainingJobView } from '@matrix/recommender-contract';
import { MOVIELENS_GENRES } from '../src/imports/import-parsers';
import { withAdminToken } from '@matrix/dev-harness';

const usage = `Usage: npx nx run recommender-api:bench -- [flags]
  --data <dir>      MovieLens folder (u.data, u.item, u.genre, u.user); default ../shared/datasets/movielens-100k
  --requests 1000   sequential top-10 requests timed for p50/p99
  --clients 8       concurrent clients of the throughput run (0 = skip it)
  --seconds 10      length of the throughput run`;

function log(line: string) {
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);
}

async function request<T = unknown>(method: string, url: string, body?: string, contentType = 'application/json'): Promise<T> {
  const response = await fetch(url, { method, headers: withAdminToken(body === undefined ? {} : { 'content-type': contentType }), body });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${text.slice(0, 300)}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

async function main() {
  const args = cliArgs(usage, { data: movieLens100kDir(), requests: '1000', clients: '8', seconds: '10' });
  const ml = loadMovieLens100k(args.data);
  const uData = readFileSync(join(args.data, 'u.data'), 'utf8');
  // u.item is Latin-1: the loader decodes it; the import route takes UTF-8 lines.
  const uItem = ml.movies
    .map((m) =>
      [m.id, m.title, m.releaseDate ?? '', m.videoReleaseDate ?? '', m.imdbUrl ?? '', ...MOVIELENS_GENRES.map((g) => (m.genres.includes(g) ? '1' : '0'))].join(
        '|',
      ),
    )
    .join('\n');
  const scratch = mkdtempSync(join(tmpdir(), 'recommender-bench-'));
  const started: ManagedProcess[] = [];
  const stopAll = async () => {
    for (const p of started.splice(0).reverse()) await p.stop().catch(() => undefined);
    rmSync(scratch, { recursive: true, force: true });
  };
  process.once('SIGINT', () => void stopAll().then(() => process.exit(130)));
  try {
    // The ranker is the only model the bench needs: the API registers it after training.
    // With no start-up models the gateway never reports ready, so wait for it to be live.
    const gateway = await startAppProcess('inference-gateway', {
      portVariable: 'GATEWAY_PORT',
      readyPath: '/v2/health/live',
      env: { GATEWAY_HOST: '127.0.0.1', MODEL_MANIFEST: manifestWithModels([]), GATEWAY_MODEL_STORE: join(scratch, 'store') },
    });
    started.push(gateway);
    const databaseUrl = `file:${join(scratch, 'bench.db')}`;
    await migrateDatabase(databaseUrl);
    const api = await startAppProcess('recommender-api', {
      readyPath: '/health/live',
      env: {
        RECOMMENDER_DATABASE_URL: databaseUrl,
        GATEWAY_URL: gateway.url,
        RECOMMENDER_MODEL_DIR: join(scratch, 'models'),
        RECOMMENDER_EMBEDDING_MODEL: 'off',
      },
    });
    started.push(api);
    log(`gateway ${gateway.url}, API ${api.url}`);
    await request('POST', `${api.url}/api/imports/items?format=movielens`, uItem, 'text/plain');
    const imported = await request<IngestReport>('POST', `${api.url}/api/imports/interactions?format=movielens`, uData, 'text/plain');
    log(`imported ${ml.movies.length} items and ${imported.accepted} ratings`);
    const job = await request<TrainingJobView>('POST', `${api.url}/api/training-jobs`, JSON.stringify({ holdout: 0 }));
    for (;;) {
      const state = await request<TrainingJobView>('GET', `${api.url}/api/training-jobs/${job.id}`);
      if (state.status === 'succeeded') {
        log(`trained ${String(state.result?.version)}: ${JSON.stringify(state.result?.seconds)}`);
        break;
      }
      if (state.status !== 'queued' && state.status !== 'running') throw new Error(`training ${state.status}: ${state.error}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    for (let i = 0; i < 100; i++) {
      const ready = await fetch(`${api.url}/health/ready`);
      if (ready.ok) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const users = [...new Set(ml.ratings.map((r) => r.userId))];
    const url = (i: number) => `${api.url}/api/users/${users[i % users.length]}/recommendations?k=10`;
    for (let i = 0; i < 50; i++) await request('GET', url(i)); // warm-up
    const latencies: number[] = [];
    const total = Number(args.requests);
    for (let i = 0; i < total; i++) {
      const t = performance.now();
      const body = await request<Recommendations>('GET', url(i));
      latencies.push(performance.now() - t);
      if (body.strategy !== 'personalised' || body.items.length !== 10)
        throw new Error(`request ${i}: expected 10 personalised items, got ${body.items.length} by ${body.strategy}`);
    }
    const sequential = latencyStats(latencies);
    const clients = Number(args.clients);
    const load =
      clients > 0
        ? await runLoad({
            concurrency: clients,
            durationMs: Number(args.seconds) * 1000,
            warmupMs: 1000,
            request: async (i) => void (await request('GET', url(i))),
          })
        : null;
    console.log(
      `\n${formatTable(
        [
          {
            run: `sequential (${total} requests, 1 client)`,
            'p50 ms': sequential.p50Ms,
            'p95 ms': sequential.p95Ms,
            'p99 ms': sequential.p99Ms,
            'mean ms': sequential.meanMs,
            'req/s': 1000 / sequential.meanMs,
            errors: 0,
          },
          ...(load
            ? [
                {
                  run: `closed loop (${clients} clients, ${args.seconds} s)`,
                  'p50 ms': load.p50Ms,
                  'p95 ms': load.p95Ms,
                  'p99 ms': load.p99Ms,
                  'mean ms': load.meanMs,
                  'req/s': load.requestsPerSecond,
                  errors: load.errors,
                },
              ]
            : []),
        ],
        { digits: 1 },
      )}\n`,
    );
    const round = (x: number) => Math.round(x * 10) / 10;
    console.log(
      JSON.stringify({
        dataset: basename(args.data) === 'movielens-100k' ? 'ml-100k' : basename(args.data),
        route: 'GET /api/users/:id/recommendations?k=10',
        requests: total,
        p50_ms: round(sequential.p50Ms),
        p99_ms: round(sequential.p99Ms),
        mean_ms: round(sequential.meanMs),
        ...(load ? { load_clients: clients, load_rps: round(load.requestsPerSecond), load_p99_ms: round(load.p99Ms), load_errors: load.errors } : {}),
        // The cores are shared: latency grows with what else runs.
        load_avg_1m: round(loadavg()[0]),
      }),
    );
  } finally {
    await stopAll();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
