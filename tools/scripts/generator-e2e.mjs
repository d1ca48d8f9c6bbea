// `npx nx run workspace-tools:generator-e2e`: the product generator, for real. Copies the workspace (tracked and
// untracked-but-not-ignored files; node_modules hard-linked) to a temporary folder, runs
// `nx g @matrix/tools:product <name>` there (files, lint scope, migrations for SQLite and PostgreSQL, Prisma clients),
// then proves the new product with no edits: typecheck, lint and test of <name>-api, <name>-web and <name>-contract (the web's
// test builds it with `next build` and drives it in Chromium against the API and a real gateway), and the API's
// self-contained artifact starting alone (tools/scripts/check-artifacts.mjs), and its evaluate target on a small sample. Not part of `npm test`: the Next.js
// build alone takes about a minute on CI's 2 cores, so CI (.ci/run) runs this as its own step after the tests.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const name = process.argv[2] ?? 'probe-product';
const keep = process.argv.includes('--keep');
const copy = mkdtempSync(join(tmpdir(), 'generator-e2e-'));
const started = Date.now();
const steps = [];

function step(title, command, args) {
  const t0 = Date.now();
  console.log(`\n[generator-e2e] ${title}: ${command} ${args.join(' ')}`);
  const run = spawnSync(command, args, {
    cwd: copy,
    stdio: 'inherit',
    // The copy lives in the temp folder, so its `../shared` is not this checkout's: point it at ours.
    env: {
      MATRIX_SHARED_DIR: join(root, '..', 'shared'),
      ...process.env,
      NX_DAEMON: 'false',
      NX_NO_CLOUD: 'true',
      NX_SKIP_NX_CACHE: 'true',
      NEXT_TELEMETRY_DISABLED: '1',
      FORCE_COLOR: '0',
    },
  });
  const seconds = (Date.now() - t0) / 1000;
  steps.push({ title, ok: run.status === 0, seconds });
  console.log(`[generator-e2e] ${title}: ${run.status === 0 ? 'ok' : `FAILED (exit ${run.status})`} in ${seconds.toFixed(1)} s`);
  return run.status === 0;
}

let ok = false;
try {
  const listed = spawnSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  const files = listed.stdout.split('\0').filter(Boolean);
  for (const file of files) {
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    cpSync(join(root, file), join(copy, file));
  }
  // node_modules as hard links (seconds, no extra space): Turbopack refuses a node_modules symlink that points
  // outside the project root, and a copy would be 2 GB. Nothing here writes into node_modules.
  const linked = spawnSync('cp', ['-al', join(root, 'node_modules'), join(copy, 'node_modules')], { stdio: 'inherit' });
  if (linked.status !== 0) throw new Error('could not hard-link node_modules into the copy (is the temporary folder on the same filesystem?)');
  console.log(`[generator-e2e] workspace copied to ${copy} (${files.length} files, node_modules hard-linked)`);

  const nx = join(copy, 'node_modules', 'nx', 'dist', 'bin', 'nx.js');
  const projects = `${name}-api,${name}-web,${name}-contract`;
  ok =
    step('generate', process.execPath, [nx, 'g', '@matrix/tools:product', name, '--no-interactive']) &&
    step('format:check (the generated files follow the workspace Prettier config)', process.execPath, [
      join(copy, 'node_modules', 'prettier', 'bin', 'prettier.cjs'),
      '--check',
      '.',
    ]) &&
    step('typecheck + lint', process.execPath, [nx, 'run-many', '-t', 'typecheck,lint', '-p', projects, '--outputStyle=static', '--parallel=2']) &&
    step('test (api e2e through the gateway; web build + Chromium e2e)', process.execPath, [
      nx,
      'run-many',
      '-t',
      'test',
      '-p',
      projects,
      '--outputStyle=static',
      '--parallel=1',
    ]) &&
    step('API artifact starts alone', process.execPath, [join(copy, 'tools', 'scripts', 'check-artifacts.mjs'), `${name}-api`]) &&
    step('evaluate target (small sample)', process.execPath, [
      nx,
      'run',
      `${name}-api:evaluate`,
      '--outputStyle=static',
      '--',
      '--train-rows',
      '300',
      '--test-rows',
      '100',
    ]);
} catch (error) {
  console.error(`[generator-e2e] ${error.message}`);
} finally {
  if (keep) console.log(`[generator-e2e] kept ${copy}`);
  else rmSync(copy, { recursive: true, force: true });
}
console.log('\n[generator-e2e] step                                                          result   seconds');
for (const s of steps) console.log(`[generator-e2e] ${s.title.padEnd(62)} ${(s.ok ? 'ok' : 'FAILED').padEnd(8)} ${s.seconds.toFixed(1)}`);
console.log(
  `[generator-e2e] ${ok ? 'the generated product typechecks, lints, builds and passes its tests' : 'FAILED'} (${((Date.now() - started) / 1000).toFixed(0)} s)`,
);
console.log(JSON.stringify({ check: 'generator-e2e', product: name, ok, seconds: Math.round((Date.now() - started) / 1000), steps }));
process.exit(ok ? 0 : 1);
