// `node tools/docker/native-addons.mjs <workspace node_modules> <app node_modules>`: run in an image's `deps` stage
// after `npm install --omit=dev --ignore-scripts` of the app's pruned lockfile. Every installed package with an
// install script (or a binding.gyp, which npm builds implicitly) is replaced by the workspace stage's copy of the same
// name and version, where its script already ran — better-sqlite3 compiled once for every image, not once per image
// (about 100 s each on 2 cores). A package the workspace does not have at that version is rebuilt with `npm rebuild`.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';

const [workspaceModules, appModules] = process.argv.slice(2);
if (!workspaceModules || !appModules) {
  console.error('usage: node tools/docker/native-addons.mjs <workspace node_modules> <app node_modules>');
  process.exit(2);
}

/** Every package folder under a node_modules folder, nested node_modules included. */
function packageDirs(modules, out = []) {
  if (!existsSync(modules)) return out;
  for (const entry of readdirSync(modules, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const dir = join(modules, entry.name);
    if (entry.name.startsWith('@')) {
      for (const scoped of readdirSync(dir, { withFileTypes: true })) if (scoped.isDirectory()) visit(join(dir, scoped.name), out);
    } else visit(dir, out);
  }
  return out;
}

function visit(dir, out) {
  if (existsSync(join(dir, 'package.json'))) out.push(dir);
  packageDirs(join(dir, 'node_modules'), out);
}

const manifest = (dir) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
const hasInstallScript = (dir, pkg) =>
  Boolean(pkg.scripts?.preinstall || pkg.scripts?.install || pkg.scripts?.postinstall) || existsSync(join(dir, 'binding.gyp'));

/** The workspace's copy of name@version: at the same place in the tree, else hoisted to the top. */
function workspaceCopy(rel, pkg) {
  for (const candidate of [join(workspaceModules, rel), join(workspaceModules, pkg.name)]) {
    if (existsSync(join(candidate, 'package.json')) && manifest(candidate).version === pkg.version) return candidate;
  }
  return undefined;
}

const reused = [];
const rebuild = [];
for (const dir of packageDirs(appModules)) {
  const pkg = manifest(dir);
  if (!hasInstallScript(dir, pkg)) continue;
  const rel = relative(appModules, dir);
  const from = workspaceCopy(rel, pkg);
  if (from) {
    rmSync(dir, { recursive: true, force: true });
    cpSync(from, dir, { recursive: true, verbatimSymlinks: true });
    reused.push(`${pkg.name}@${pkg.version}`);
  } else rebuild.push(pkg.name);
}
if (rebuild.length) execFileSync('npm', ['rebuild', ...new Set(rebuild)], { cwd: join(appModules, '..'), stdio: 'inherit' });
console.log(
  `native-addons: ${reused.length} package(s) with install scripts taken from the workspace install${reused.length ? ` (${reused.join(', ')})` : ''}` +
    `${rebuild.length ? `; rebuilt: ${[...new Set(rebuild)].join(', ')}` : ''}`,
);
