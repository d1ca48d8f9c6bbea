import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { formatFiles, generateFiles, getProjects, names, updateJson, type GeneratorCallback, type Tree } from '@nx/devkit';
import { renderDockerfile } from '../../docker/dockerfile';
import { addRouteAccessRows } from './access-table';
import { addProductScope } from './lint-scopes';
import { nextProductPorts } from './product-ports';
import type { ProductGeneratorSchema } from './schema';

const RESERVED = new Set(['gateway', 'shared', 'inference', 'workspace', 'tools', 'product']);

/** Options made concrete: names in every case the templates need, ports, title. */
export function normalizeOptions(tree: Tree, options: ProductGeneratorSchema) {
  const name = options.name?.trim() ?? '';
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(name))
    throw new Error(`product name '${name}' must be kebab-case: lower-case letters and digits separated by single dashes (e.g. review-triage)`);
  if (RESERVED.has(name)) throw new Error(`product name '${name}' is reserved; pick another`);
  const projects = getProjects(tree);
  for (const project of [`${name}-api`, `${name}-web`]) {
    if (projects.has(project) || tree.exists(`apps/${project}`)) throw new Error(`apps/${project} already exists: pick another product name`);
  }
  if (tree.exists(`prisma/schema/${name}.prisma`)) throw new Error(`prisma/schema/${name}.prisma already exists: pick another product name`);
  const ports = nextProductPorts(tree);
  const n = names(name);
  return {
    name,
    className: n.className,
    propertyName: n.propertyName,
    constantName: n.constantName,
    title:
      options.title?.trim() ||
      name
        .split('-')
        .map((w) => w[0].toUpperCase() + w.slice(1))
        .join(' '),
    apiPort: options.apiPort ?? ports.apiPort,
    webPort: options.webPort ?? ports.webPort,
  };
}

/** `@matrix/<name>-contract` → libs/<name>-contract (the API and the web import the product's contract by name). */
function addContractPath(tree: Tree, name: string): void {
  if (!tree.exists('tsconfig.base.json')) return;
  updateJson(tree, 'tsconfig.base.json', (json: { compilerOptions?: { paths?: Record<string, string[]> } }) => {
    const compilerOptions = json.compilerOptions ?? {};
    compilerOptions.paths = { ...compilerOptions.paths, [`@matrix/${name}-contract`]: [`libs/${name}-contract/src/index.ts`] };
    json.compilerOptions = compilerOptions;
    return json;
  });
}

/**
 * `npx nx g @matrix/tools:product <name>`: <name>-api (NestJS on libs/product-server, talking to the
 * gateway through libs/gateway-client, with an example job on the shared job queue and /api/jobs), <name>-web
 * (Next.js on libs/product-ui with a proxy to the API), libs/<name>-contract (its resources on
 * @matrix/product-contract, imported by both), prisma/schema/<name>.prisma, lint boundaries for scope:<name>, unit + e2e tests
 * (among them src/route-access.spec.ts: every route declares its access, as docs/access.md lists it), an
 * evaluate target on libs/evaluation-metrics, and a Dockerfile per app. After writing the files it
 * creates the migration and regenerates the Prisma clients (skipMigrations to leave that to you).
 */
export async function productGenerator(tree: Tree, options: ProductGeneratorSchema): Promise<GeneratorCallback> {
  const values = normalizeOptions(tree, options);
  generateFiles(tree, join(__dirname, 'files'), '.', { ...values, tmpl: '' });
  tree.write(`apps/${values.name}-api/Dockerfile`, renderDockerfile(`${values.name}-api`, 'api', { port: values.apiPort }));
  tree.write(`apps/${values.name}-web/Dockerfile`, renderDockerfile(`${values.name}-web`, 'web', { port: values.webPort }));
  addProductScope(tree, values.name);
  addContractPath(tree, values.name);
  // Every route declares who may call it (issue 14); the table reviewers read lists the new product's routes too.
  addRouteAccessRows(tree, values.name);
  // The workspace's Prettier config (CI runs format:check), so a new product is formatted like the hand-built ones.
  if (!options.skipFormat) await formatFiles(tree);

  return () => {
    const summary = `${values.name}-api http://127.0.0.1:${values.apiPort}  ${values.name}-web http://127.0.0.1:${values.webPort}`;
    if (options.skipMigrations) {
      console.log(
        `created ${summary}\nnext: node tools/prisma-offline/cli.mjs migrate --name ${values.name.replace(/-/g, '_')} && node tools/prisma-offline/cli.mjs generate`,
      );
      return;
    }
    const cli = join(tree.root, 'tools', 'prisma-offline', 'cli.mjs');
    execFileSync(process.execPath, [cli, 'migrate', '--name', values.name.replace(/-/g, '_')], { cwd: tree.root, stdio: 'inherit' });
    execFileSync(process.execPath, [cli, 'generate'], { cwd: tree.root, stdio: 'inherit' });
    console.log(`created ${summary}\nnext: npx nx run-many -t test,lint,typecheck -p ${values.name}-api ${values.name}-web ${values.name}-contract`);
  };
}

export default productGenerator;
