// Where each app listens, read from its project.json: the `serve` target's metadata
// ({ port, portEnv, health, description, links }) — what `npm start` prints, the Dockerfiles expose and
// check-artifacts probes. An app without that metadata still gets its port from its code
// (`defaultPort: 8110` in src/, or `${X_PORT:-3010}` in its serve command), so a new app appears by convention.
const { existsSync, readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

/** Reads the workspace from disk; the generators pass their Nx Tree instead (same three calls). */
function diskFiles(root) {
  return {
    read: (path) => (existsSync(join(root, path)) ? readFileSync(join(root, path), 'utf8') : null),
    exists: (path) => existsSync(join(root, path)),
    children: (path) => (existsSync(join(root, path)) ? readdirSync(join(root, path)) : []),
  };
}

function filesUnder(files, dir, out = []) {
  for (const name of files.children(dir)) {
    const path = `${dir}/${name}`;
    if (/\.ts$/.test(name)) {
      if (!/\.spec\.ts$/.test(name)) out.push(path);
    } else if (!name.includes('.')) filesUnder(files, path, out);
  }
  return out;
}

/** `files`: a workspace root path, or {read, exists, children} over repository-relative paths. */
function appEndpoint(files, dir) {
  if (typeof files === 'string') files = diskFiles(files);
  const project = JSON.parse(files.read(`apps/${dir}/project.json`));
  const serve = project.targets && project.targets.serve;
  const meta = (serve && serve.metadata) || {};
  const kind = ['next.config.mjs', 'next.config.js', 'next.config.ts'].some((f) => files.exists(`apps/${dir}/${f}`)) ? 'web' : 'api';
  const command = (serve && serve.options && serve.options.command) || '';
  let port = typeof meta.port === 'number' ? meta.port : undefined;
  let portEnv = meta.portEnv;
  const fromCommand = /\$\{(\w+):-(\d+)\}/.exec(command);
  if (port === undefined && fromCommand) [portEnv, port] = [fromCommand[1], Number(fromCommand[2])];
  if (port === undefined && kind === 'api') {
    for (const file of filesUnder(files, `apps/${dir}/src`)) {
      const match = /defaultPort:\s*(\d+)/.exec(files.read(file) || '');
      if (match) {
        port = Number(match[1]);
        break;
      }
    }
  }
  return {
    name: project.name,
    root: `apps/${dir}`,
    kind,
    hasServe: Boolean(serve),
    port,
    portEnv: portEnv || 'PORT',
    health: meta.health || (kind === 'web' ? '/health' : '/health/live'),
    // Readiness: `ready` in the metadata, else the liveness path's …/ready sibling (APIs /health/ready, the gateway
    // /v2/health/ready); a web has no state of its own, so its readiness is its liveness route.
    ready: meta.ready || (kind === 'web' ? meta.health || '/health' : (meta.health || '/health/live').replace(/\/live$/, '/ready')),
    description: meta.description || project.name,
    links: meta.links || '',
    // How to sign in, shown in npm start's ready block (only an app with sign-in declares it; none does yet).
    ...(meta.signIn ? { signIn: meta.signIn } : {}),
  };
}

/** Every app under apps/ with its endpoint, gateway first, then APIs, then webs, each by name. */
function appEndpoints(files) {
  if (typeof files === 'string') files = diskFiles(files);
  const order = (app) => (app.name === 'inference-gateway' ? 0 : app.kind === 'api' ? 1 : 2);
  return files
    .children('apps')
    .filter((dir) => files.exists(`apps/${dir}/project.json`))
    .map((dir) => appEndpoint(files, dir))
    .sort((a, b) => order(a) - order(b) || a.name.localeCompare(b.name));
}

module.exports = { appEndpoint, appEndpoints };
