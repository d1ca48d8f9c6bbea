// `npm start`: the main job. Installs on first run, migrates the database, then starts every app that has a
// `serve` target (the inference gateway, and each product's API and web, found by convention) with readable,
// prefixed logs, and prints where each listens. Ctrl-C stops them all (gracefully).
//
//   npm start                     embedded default: SQLite, one file per product (tmp/<product>.db), jobs in-process, local models
//   npm start -- --production     PostgreSQL + Redis/BullMQ by configuration only: DATABASE_URL (default
//                                 postgresql://postgres@127.0.0.1:5432/matrix, created if missing; each product
//                                 in its own schema of it) and REDIS_URL
//                                 (default redis://127.0.0.1:6379); every product API reads them (libs/product-server).
//   npm start -- --projects=inference-gateway,sentiment-api   only these apps
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureInstalled } from './ensure-install.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
ensureInstalled(root);
const { appEndpoints } = require('./app-endpoints.cjs');

const args = process.argv.slice(2);
const production = args.includes('--production') || process.env.MATRIX_MODE === 'production';
const only = args
  .find((arg) => arg.startsWith('--projects='))
  ?.slice('--projects='.length)
  .split(',');

mkdirSync(join(root, 'tmp'), { recursive: true });
const env = {
  ...process.env,
  NX_DAEMON: 'false',
  NX_TUI: 'false',
  NEXT_TELEMETRY_DISABLED: '1',
  GATEWAY_LOG_PRETTY: process.env.GATEWAY_LOG_PRETTY ?? '1',
  LOG_PRETTY: process.env.LOG_PRETTY ?? '1',
};
if (production) {
  env.DATABASE_URL = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/matrix';
  env.REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  env.JOB_QUEUE = process.env.JOB_QUEUE ?? 'bullmq';
  if (!/^postgres(ql)?:\/\//.test(env.DATABASE_URL)) {
    console.error(`[start] --production needs a PostgreSQL DATABASE_URL, got ${env.DATABASE_URL}`);
    process.exit(2);
  }
  await ensurePostgresDatabase(env.DATABASE_URL);
}
// Embedded: DATABASE_URL stays unset, so each product uses its own file tmp/<product>.db (libs/db productDatabaseUrl).
const redact = (url) => url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');

console.log(`[start] mode: ${production ? 'production (PostgreSQL, BullMQ on Redis)' : 'embedded (SQLite, in-process jobs)'}`);
const databases = env.DATABASE_URL
  ? `${redact(env.DATABASE_URL)} (each product its own ${/^postgres/.test(env.DATABASE_URL) ? 'schema' : 'file'})`
  : 'tmp/<product>.db (one SQLite file per product)';
console.log(`[start] database: ${databases}${env.REDIS_URL ? `   jobs: ${env.JOB_QUEUE ?? 'bullmq'} on ${redact(env.REDIS_URL)}` : ''}`);
// The embedded default runs the gateway without keys (open on localhost); with keys, every product needs its own
// GATEWAY_API_KEY, which one shared environment cannot give: start the apps one by one (docs/ops.md, Gateway keys).
console.log(
  env.GATEWAY_API_KEYS
    ? `[start] gateway keys: GATEWAY_API_KEYS is set; products send GATEWAY_API_KEY=${env.GATEWAY_API_KEY ? '(set, the same for every product)' : '(unset: they will be refused)'}`
    : '[start] gateway keys: none (open on localhost: any caller may call and control any model; scopes: docs/ops.md)',
);
// Every product's own database (file or schema), before any API opens it (the APIs also migrate at boot).
const migrate = spawnSync(process.execPath, [join(root, 'tools', 'prisma-offline', 'cli.mjs'), 'deploy', '--all'], { cwd: root, env, stdio: 'inherit' });
if (migrate.status !== 0) process.exit(migrate.status ?? 1);

// Where each app listens: its serve target's metadata (or the port in its code), with its own env override.
const apps = appEndpoints(root).filter((app) => app.hasServe && (!only || only.includes(app.name)));
const host = (app) => env[app.portEnv.replace(/PORT$/, 'HOST')] ?? '127.0.0.1';
console.log('[start] apps (each starts in turn; Next.js webs build first, which takes a minute):');
for (const app of apps) {
  const port = app.portEnv !== 'PORT' && env[app.portEnv] ? env[app.portEnv] : app.port;
  const url = port ? `http://${host(app)}:${port}` : '(port not declared)';
  console.log(`[start]   ${app.name.padEnd(24)} ${url.padEnd(24)} ${[app.health && `health ${app.health}`, app.links].filter(Boolean).join(', ')}`);
}

const nxArgs = ['nx', 'run-many', '-t', 'serve', '--outputStyle=stream', `--parallel=${Math.max(apps.length, 1) + 4}`, ...(only ? ['-p', only.join(',')] : [])];
const child = spawn('npx', nxArgs, { cwd: root, env, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));

/** Creates the PostgreSQL database of `url` when it does not exist (the migrations then create the tables). */
async function ensurePostgresDatabase(url) {
  const { Client } = require('pg');
  const target = new URL(url);
  const database = decodeURIComponent(target.pathname.slice(1)) || 'postgres';
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  try {
    await client.connect();
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) {
      await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
      console.log(`[start] created PostgreSQL database ${database}`);
    }
  } catch (error) {
    console.error(`[start] PostgreSQL at ${redact(url)} is not reachable: ${error.message}`);
    process.exit(1);
  } finally {
    await client.end().catch(() => undefined);
  }
}
