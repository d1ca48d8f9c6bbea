// `node tools/scripts/check-artifacts.mjs [project...] [--skip-build]`: proves each app's deployable starts ALONE.
// For every app with a `build` target (default: all), it builds dist/apps/<app> (tools/scripts/build-artifact.mjs),
// copies it to a temporary folder outside the repository, gives it a node_modules holding only the packages
// of its pruned package-lock.json (linked from the workspace install, resolved with --preserve-symlinks, so a
// package missing from the lock fails to load), starts it with plain `node` from that folder, and waits for
// the health route its serve target declares (metadata.health). One line per app, then "N passed, N failed".
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const skipBuild = args.includes('--skip-build');
const wanted = args.filter((arg) => !arg.startsWith('--'));

/** Apps (apps/<name>/project.json) whose build target makes a dist/apps/<name> artifact. */
function deployableApps() {
  return readdirSync(join(root, 'apps'))
    .filter((dir) => existsSync(join(root, 'apps', dir, 'project.json')))
    .map((dir) => JSON.parse(readFileSync(join(root, 'apps', dir, 'project.json'), 'utf8')))
    .filter(
      (project) => project.targets?.build?.options?.command?.includes('build-artifact.mjs') || existsSync(join(root, 'apps', project.name, 'next.config.mjs')),
    );
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

/** node_modules/<pkg> links for exactly the top-level production packages of the pruned lock. */
function linkPrunedModules(dir) {
  const lock = JSON.parse(readFileSync(join(dir, 'package-lock.json'), 'utf8'));
  // What `npm install --omit=dev` would install: dev-only entries are left out.
  const top = Object.keys(lock.packages).filter(
    (key) => /^node_modules\/(@[^/]+\/)?[^/]+$/.test(key) && !lock.packages[key].dev && !lock.packages[key].devOptional,
  );
  let linked = 0;
  for (const key of top) {
    const from = join(root, key);
    if (!existsSync(from)) continue; // an optional platform package not installed on this machine
    mkdirSync(dirname(join(dir, key)), { recursive: true });
    symlinkSync(from, join(dir, key), 'dir');
    linked++;
  }
  return linked;
}

async function waitForHealth(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited with code ${child.exitCode} before answering`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return { status: response.status, body: await response.text() };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no 2xx from ${url} within ${timeoutMs / 1000} s`);
}

async function check(project) {
  const name = project.name;
  const isWeb = existsSync(join(root, 'apps', name, 'next.config.mjs'));
  if (!skipBuild) {
    const build = spawnSync(process.execPath, [join(root, 'tools', 'scripts', 'build-artifact.mjs'), name], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
    });
    if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}${build.stderr}`);
  }
  const artifact = join(root, 'dist', 'apps', name);
  if (!existsSync(join(artifact, 'package.json'))) throw new Error(`${artifact} has no build (run without --skip-build)`);
  const scratch = mkdtempSync(join(tmpdir(), `artifact-${name}-`));
  const dir = join(scratch, name);
  cpSync(artifact, dir, { recursive: true, verbatimSymlinks: true });
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  // Web artifacts carry the node_modules Next traced; API artifacts get the pruned lock's packages.
  const linked = isWeb ? 0 : linkPrunedModules(dir);
  const port = await freePort();
  const serve = project.targets?.serve?.metadata ?? {};
  const healthPath = serve.health ?? (isWeb ? '/health' : '/health/live');
  const entry = pkg.scripts.start.replace(/^node /, '');
  const env = {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    PORT: String(port),
    HOSTNAME: '127.0.0.1',
    HOST: '127.0.0.1',
    GATEWAY_PORT: String(port),
    GATEWAY_HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    DATABASE_URL: `file:${join(scratch, 'check.db')}`,
    // Outside the repository the shared folders are not found by walking up: say where they are, as ops would.
    MATRIX_SHARED_DIR: process.env.MATRIX_SHARED_DIR ?? join(root, '..', 'shared'),
    ...(process.env.MODELS_DIR ? { MODELS_DIR: process.env.MODELS_DIR } : {}),
    ...(process.env.DATASETS_DIR ? { DATASETS_DIR: process.env.DATASETS_DIR } : {}),
  };
  const started = Date.now();
  const child = spawn(process.execPath, ['--preserve-symlinks', '--preserve-symlinks-main', entry], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  try {
    const health = await waitForHealth(`http://127.0.0.1:${port}${healthPath}`, child, 60_000);
    return `${name.padEnd(22)} ok   ${String(Object.keys(pkg.dependencies).length).padStart(2)} deps, ${String(linked).padStart(3)} locked packages linked; node ${entry} from ${dir} → GET ${healthPath} ${health.status} ${health.body.slice(0, 60)} in ${((Date.now() - started) / 1000).toFixed(1)} s`;
  } catch (error) {
    throw new Error(`${error.message}\n--- output ---\n${output.slice(-3000)}`);
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', resolve)));
    rmSync(scratch, { recursive: true, force: true });
  }
}

const apps = deployableApps().filter((project) => wanted.length === 0 || wanted.includes(project.name));
let passed = 0;
let failed = 0;
for (const project of apps) {
  try {
    console.log(await check(project));
    passed++;
  } catch (error) {
    console.log(`${project.name.padEnd(22)} FAIL ${error.message}`);
    failed++;
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
