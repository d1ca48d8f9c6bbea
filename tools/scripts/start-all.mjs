// `npm start`: the main job. Installs on first run, migrates the embedded SQLite database, then
// starts every app that has a `serve` target (the inference gateway, and each product's API and
// web as they are added) with readable, prefixed logs. Ctrl-C stops them all (gracefully).
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureInstalled } from './ensure-install.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
ensureInstalled(root);

mkdirSync(join(root, 'tmp'), { recursive: true });
const env = {
  ...process.env,
  NX_DAEMON: 'false',
  NX_TUI: 'false',
  NEXT_TELEMETRY_DISABLED: '1',
  GATEWAY_LOG_PRETTY: process.env.GATEWAY_LOG_PRETTY ?? '1',
  DATABASE_URL: process.env.DATABASE_URL ?? `file:${join(root, 'tmp', 'matrix.db')}`,
};

console.log(`[start] database: ${env.DATABASE_URL.replace(/\/\/[^@]*@/, '//***@')}`);
const migrate = spawnSync(process.execPath, [join(root, 'tools', 'prisma-offline', 'cli.mjs'), 'deploy'], { cwd: root, env, stdio: 'inherit' });
if (migrate.status !== 0) process.exit(migrate.status ?? 1);

// Where each app listens by default (each app's own env vars override these).
const URLS = [
  ['inference gateway', `http://${env.GATEWAY_HOST ?? '127.0.0.1'}:${env.GATEWAY_PORT ?? '8100'}`, 'OpenAPI /docs/openapi.json, metrics /metrics, models /v1/models'],
  ['sentiment API', 'http://127.0.0.1:8110', 'OpenAPI /docs/openapi.json, health /health/ready'],
  ['sentiment web', `http://${env.SENTIMENT_WEB_HOST ?? '127.0.0.1'}:${env.SENTIMENT_WEB_PORT ?? '3010'}`, 'analyze, batch & CSV, dashboard, history'],
  ['support chatbot API', 'http://127.0.0.1:8120', 'OpenAPI /docs/openapi.json, health /health/ready'],
  ['support chatbot web', `http://${env.CHATBOT_WEB_HOST ?? '127.0.0.1'}:${env.CHATBOT_WEB_PORT ?? '3020'}`, 'chat, agent console, knowledge base, analytics'],
];
for (const [name, url, what] of URLS) console.log(`[start] ${name.padEnd(18)} ${url.padEnd(24)} ${what}`);
const child = spawn('npx', ['nx', 'run-many', '-t', 'serve', '--outputStyle=stream', '--parallel=32'], { cwd: root, env, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
