// `npm start`: the main job. Installs on first run, migrates the database, then starts every app that has a
// `serve` target (the inference gateway, and each product's API and web, found by convention), waits until every
// health route is green (APIs: /health/ready, which includes their first-run demo data) with one short progress
// line, and prints one "ready" block with the URLs. Each app's log goes to tmp/logs/<app>.log; the terminal shows
// warnings and errors only (--verbose: everything). Ctrl-C stops them all (gracefully).
//
//   npm start                     embedded default: SQLite, one file per product (tmp/<product>.db), jobs in-process, local models
//   npm start -- --production     PostgreSQL + Redis/BullMQ by configuration only: DATABASE_URL (default
//                                 postgresql://postgres@127.0.0.1:5432/matrix, created if missing; each product
//                                 in its own schema of it) and REDIS_URL
//                                 (default redis://127.0.0.1:6379); every product API reads them (libs/product-server).
//   npm start -- --projects=inference-gateway,sentiment-api   only these apps
//   npm start -- --verbose        every app's log lines in this terminal too
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureInstalled } from './ensure-install.mjs';

const startedAt = performance.now();

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
ensureInstalled(root);
const { appEndpoints } = require('./app-endpoints.cjs');
const { LogRouter, progressLine, readyBlock, readyTargets, waitUntilReady } = require('./start-ready.cjs');

const args = process.argv.slice(2);
const production = args.includes('--production') || process.env.MATRIX_MODE === 'production';
const verbose = args.includes('--verbose');
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
// Every product's own database (file or schema) and the shared platform database (the staff identity store), before any
// API opens them (the APIs also migrate at boot).
const migrate = spawnSync(process.execPath, [join(root, 'tools', 'prisma-offline', 'cli.mjs'), 'deploy', '--all'], {
  cwd: root,
  env,
  stdio: verbose ? 'inherit' : 'pipe',
});
if (migrate.status !== 0) {
  if (!verbose) process.stderr.write(`${migrate.stdout ?? ''}${migrate.stderr ?? ''}`);
  process.exit(migrate.status ?? 1);
}
const staffSignIn = ensureFirstAdmin();

// Where each app listens: its serve target's metadata (or the port in its code), with its own env override.
const apps = appEndpoints(root).filter((app) => app.hasServe && (!only || only.includes(app.name)));
const logDir = join(root, 'tmp', 'logs');
const shownLogDir = relative(process.cwd(), logDir) || logDir;
console.log(`[start] starting ${apps.length} apps (a web is built only when its sources changed: Nx cache); logs in ${shownLogDir}/<app>.log`);

const nxArgs = ['nx', 'run-many', '-t', 'serve', '--outputStyle=stream', `--parallel=${Math.max(apps.length, 1) + 4}`, ...(only ? ['-p', only.join(',')] : [])];
// Nx itself, not through npx: a SIGINT/SIGTERM sent to this process alone (a supervisor, `kill <pid>`) must reach
// the process that stops the apps; npx does not pass it on.
const child = spawn(process.execPath, [require.resolve('nx/bin/nx.js'), ...nxArgs.slice(1)], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
const interactive = process.stdout.isTTY;
let statusShown = false;
// While waiting, the progress line is rewritten in place on a terminal; a log line first clears it.
const clearStatus = () => {
  if (interactive && statusShown) process.stdout.write('\r\x1b[2K');
  statusShown = false;
};
const router = new LogRouter(
  logDir,
  appEndpoints(root).map((app) => app.name),
  {
    verbose,
    write: (line) => {
      clearStatus();
      process.stdout.write(line);
    },
  },
);
child.stdout.on('data', (chunk) => router.push(chunk));
child.stderr.on('data', (chunk) => router.push(chunk));
const stop = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'])
  process.on(signal, () => {
    stop.abort();
    child.kill(signal);
  });
child.on('exit', (code) => {
  stop.abort();
  clearStatus();
  router.close();
  if (code) console.error(`[start] the apps stopped (exit code ${code}); see ${shownLogDir}/<app>.log`);
  process.exit(code ?? 0);
});

let lastLine = '';
let lastPrinted = 0;
const states = await waitUntilReady(readyTargets(apps, env), {
  signal: stop.signal,
  onProgress: (list, elapsedMs) => {
    const line = progressLine(list, elapsedMs, Math.max(60, (process.stdout.columns || 160) - 1));
    if (interactive) {
      process.stdout.write(`\r\x1b[2K${line}`);
      statusShown = true;
    } else if (line.replace(/after \d+ s/, '') !== lastLine && Date.now() - lastPrinted > 10_000) {
      // Not a terminal (CI, a pipe): a new line only when something changed, at most every 10 s.
      console.log(line);
      lastLine = line.replace(/after \d+ s/, '');
      lastPrinted = Date.now();
    }
  },
});
if (!stop.signal.aborted) {
  clearStatus();
  const firstWeb = states.find((s) => s.target.kind === 'web');
  const lines = firstWeb ? [`open ${firstWeb.target.url} (any product web) and sign in`, ...staffSignIn] : staffSignIn;
  console.log(readyBlock(states, { elapsedMs: performance.now() - startedAt, logDir: shownLogDir, verbose, staffSignIn: lines }));
}

/**
 * Staff sign-in (issue 14): on the embedded default, a platform database without any user gets a first admin,
 * admin@localhost, with a generated password written to tmp/first-admin.txt (mode 0600; never a default password).
 * Returns the lines the ready block shows about signing in.
 */
function ensureFirstAdmin() {
  const passwordFile = join(root, 'tmp', 'first-admin.txt');
  const shownFile = relative(process.cwd(), passwordFile) || passwordFile;
  const addUsers = 'add staff: npm run users -- create <email> --role <admin|agent|analyst|viewer> --product <product> (npm run users -- --help)';
  if (production || env.PLATFORM_DATABASE_URL) {
    return [
      'sign in with a staff account; the first admin: npm run users -- create --admin <email> (or MATRIX_ADMIN_EMAIL + MATRIX_ADMIN_PASSWORD at first boot)',
      addUsers,
    ];
  }
  const created = spawnSync(
    process.execPath,
    ['-r', '@swc-node/register', join(root, 'tools', 'scripts', 'users.ts'), 'ensure-first-admin', '--file', passwordFile],
    {
      cwd: root,
      env: { ...env, SWC_NODE_PROJECT: 'tsconfig.base.json' },
      encoding: 'utf8',
    },
  );
  if (created.status !== 0) {
    process.stderr.write(`${created.stdout ?? ''}${created.stderr ?? ''}`);
    console.error('[start] could not create the first admin (above); create one with: npm run users -- create --admin <email>');
    return [addUsers];
  }
  if (created.stdout.trim()) console.log(`[start] ${created.stdout.trim()}`);
  if (existsSync(passwordFile)) return [`first admin: admin@localhost, password in ${shownFile} (created on the first npm start)`, addUsers];
  return ['sign in with the staff account you created (npm run users -- list)', addUsers];
}

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
