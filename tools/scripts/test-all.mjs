// `npm test`: every project's tests through Nx, then one total line ("N passed, N failed").
// `npm test -- --affected --base=<ref>`: only the projects affected since <ref> (CI on a branch; see .ci/run).
// Each Jest run records its counts in tmp/test-results/<project>.json (tools/jest/count-reporter.js),
// which Nx also restores from its cache, so the total is right on cached runs too.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureInstalled } from './ensure-install.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
ensureInstalled(root);

const resultsDir = join(root, 'tmp', 'test-results');
rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });

const extra = process.argv.slice(2);
const affected = extra.includes('--affected');
const started = Date.now();
const run = spawnSync(
  'npx',
  ['nx', affected ? 'affected' : 'run-many', '-t', 'test', '--outputStyle=static', '--parallel=1', ...extra.filter((arg) => arg !== '--affected')],
  { cwd: root, stdio: 'inherit', env: { ...process.env, NX_DAEMON: 'false', FORCE_COLOR: '0' } },
);

const totals = { passed: 0, failed: 0, skipped: 0, projects: [] };
for (const file of existsSync(resultsDir) ? readdirSync(resultsDir) : []) {
  if (!file.endsWith('.json') || file === 'summary.json') continue;
  const record = JSON.parse(readFileSync(join(resultsDir, file), 'utf8'));
  totals.passed += record.passed;
  totals.failed += record.failed;
  totals.skipped += record.skipped;
  totals.projects.push(record);
}
// A project whose Jest never finished (crash, config error) leaves no record: count it as failed.
if (run.status !== 0 && totals.failed === 0) totals.failed = 1;
totals.seconds = Math.round((Date.now() - started) / 1000);
writeFileSync(join(resultsDir, 'summary.json'), JSON.stringify(totals, null, 2));

console.log(`\nTest suite: ${totals.projects.length} projects in ${totals.seconds} s`);
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(run.status ?? 1);
