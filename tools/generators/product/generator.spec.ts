import { addProjectConfiguration, readProjectConfiguration, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { workspaceRoot } from '@matrix/paths';
import { productGenerator } from './generator';

// The generator on an in-memory Tree (fast): what it writes, where, and that it refuses bad input.
// tools/scripts/generator-e2e.mjs runs it for real in a copy of the workspace and proves the product
// typechecks, lints, builds and passes its tests (a separate CI step: it builds a Next.js app).

function workspaceWithSentiment(): Tree {
  const tree = createTreeWithEmptyWorkspace();
  tree.write('eslint.config.mjs', readFileSync(join(workspaceRoot(), 'eslint.config.mjs'), 'utf8'));
  addProjectConfiguration(tree, 'sentiment-api', {
    root: 'apps/sentiment-api',
    projectType: 'application',
    targets: { serve: { executor: 'nx:run-commands', metadata: { port: 8110 } as never, options: { command: 'node main.ts' } } },
  });
  addProjectConfiguration(tree, 'sentiment-web', {
    root: 'apps/sentiment-web',
    projectType: 'application',
    targets: { serve: { executor: 'nx:run-commands', options: { command: 'next start -p ${SENTIMENT_WEB_PORT:-3010}' } } },
  });
  // An app that declares its port only in code (as a product added by hand would).
  addProjectConfiguration(tree, 'recommender-api', { root: 'apps/recommender-api', projectType: 'application', targets: {} });
  tree.write('apps/recommender-api/src/app-options.ts', 'export const OPTIONS = { name: "recommender-api", defaultPort: 8130 };\n');
  return tree;
}

describe('product generator (on a Tree)', () => {
  let tree: Tree;

  beforeAll(async () => {
    tree = workspaceWithSentiment();
    await productGenerator(tree, { name: 'review-triage', skipMigrations: true, skipFormat: true });
  });

  it('creates both projects with scope:<name> + type:app and the targets every product has', () => {
    const api = readProjectConfiguration(tree, 'review-triage-api');
    const web = readProjectConfiguration(tree, 'review-triage-web');
    expect(api.tags).toEqual(['scope:review-triage', 'type:app']);
    expect(web.tags).toEqual(['scope:review-triage', 'type:app']);
    expect(Object.keys(api.targets ?? {}).sort()).toEqual(['build', 'evaluate', 'lint', 'serve', 'test', 'typecheck']);
    expect(Object.keys(web.targets ?? {}).sort()).toEqual(['build', 'dev', 'lint', 'serve', 'test', 'typecheck']);
    expect(api.targets?.['build']?.options.command).toBe('node tools/scripts/build-artifact.mjs review-triage-api');
  });

  it('takes the next free ports after every declared one (metadata, serve command, defaultPort in code)', () => {
    expect(readProjectConfiguration(tree, 'review-triage-api').targets?.['serve']?.metadata).toMatchObject({ port: 8140, portEnv: 'PORT' });
    expect(readProjectConfiguration(tree, 'review-triage-web').targets?.['serve']?.metadata).toMatchObject({ port: 3020, portEnv: 'REVIEW_TRIAGE_WEB_PORT' });
    expect(tree.read('apps/review-triage-api/src/app-options.ts', 'utf-8')).toContain('defaultPort: 8140');
    expect(tree.read('apps/review-triage-web/proxy.ts', 'utf-8')).toContain("productWebProxy('REVIEW_TRIAGE_API_URL', 'http://127.0.0.1:8140')");
  });

  it('puts the web behind sign-in: the shared sign-in page, the page guard in proxy.ts, Access and Audit log for admins', () => {
    const web = (file: string) => tree.read(`apps/review-triage-web/${file}`, 'utf-8') ?? '';
    expect(web('app/sign-in/page.tsx')).toContain('<SignInPage productName="Review Triage"');
    expect(web('app/access/page.tsx')).toContain('<AccessPage');
    expect(web('app/audit/page.tsx')).toContain('<AuditLogPage />');
    expect(web('proxy.ts')).toContain("matcher: ['/((?!_next/static|_next/image|favicon.ico).*)']");
    expect(web('app/layout.tsx')).toContain("{ href: '/access', label: 'Access', role: 'admin' },");
    expect(web('app/layout.tsx')).toContain("{ href: '/audit', label: 'Audit log', role: 'admin' },");
  });

  it('wires the API to product-server and the gateway client, the web to product-ui', () => {
    expect(tree.read('apps/review-triage-api/src/main.ts', 'utf-8')).toContain('void runProductApp(ReviewTriageModule, APP_OPTIONS);');
    const embedder = tree.read('apps/review-triage-api/src/documents/embedder.ts', 'utf-8');
    expect(embedder).toContain("import { GatewayClient, isModelServed } from '@matrix/gateway-client';");
    // The gateway's served states are decided in one place (READY, or UNLOADED: reloaded on demand).
    expect(embedder).toContain('isModelServed(served.state)');
    expect(tree.read('apps/review-triage-api/src/documents/document-store.ts', 'utf-8')).toContain('tx.reviewTriageDocument.create(');
    expect(tree.read('apps/review-triage-web/app/layout.tsx', 'utf-8')).toContain('<ProductLayout product={PRODUCT}>');
    expect(tree.read('apps/review-triage-web/app/layout.tsx', 'utf-8')).toContain("name: 'Review Triage',");
    expect(tree.read('apps/review-triage-api/evaluation/evaluate.ts', 'utf-8')).toContain("from '@matrix/evaluation-metrics'");
  });

  it('puts the API service on a store it can fake: an abstract DocumentStore, its Prisma class, and a unit spec on an in-memory fake', () => {
    const store = tree.read('apps/review-triage-api/src/documents/document-store.ts', 'utf-8') ?? '';
    expect(store).toContain('export abstract class DocumentStore {');
    expect(store).toContain('export class PrismaDocumentStore extends DocumentStore {');
    expect(tree.read('apps/review-triage-api/src/review-triage.module.ts', 'utf-8')).toContain('{ provide: DocumentStore, useClass: PrismaDocumentStore },');
    expect(tree.read('apps/review-triage-api/src/documents/document.service.ts', 'utf-8')).toContain('private readonly store: DocumentStore,');
    for (const controller of ['documents.controller.ts', 'search.controller.ts']) {
      const text = tree.read(`apps/review-triage-api/src/documents/${controller}`, 'utf-8') ?? '';
      expect({ controller, service: text.includes('private readonly documents: DocumentService'), store: /DocumentStore\b/.test(text) }).toEqual({
        controller,
        service: true,
        store: false,
      });
    }
    expect(tree.read('apps/review-triage-api/test/fakes/fake-document-store.ts', 'utf-8')).toContain('export class FakeDocumentStore extends DocumentStore {');
    const spec = tree.read('apps/review-triage-api/src/documents/document.service.spec.ts', 'utf-8') ?? '';
    expect(spec).toContain('new DocumentService(store, new Embedder(gateway, new ReadinessRegistry(), ');
    expect(spec).toContain("from '../../test/fakes/fake-document-store'");
  });

  it('emits the product’s contract lib on the base contract, imported by its API and web by name', () => {
    const contract = readProjectConfiguration(tree, 'review-triage-contract');
    expect([contract.root, contract.tags]).toEqual(['libs/review-triage-contract', ['scope:review-triage', 'type:util']]);
    expect(tree.read('libs/review-triage-contract/src/index.ts', 'utf-8')).toContain("export * from '@matrix/product-contract';");
    expect(tree.read('libs/review-triage-contract/src/lib/reembed-job.ts', 'utf-8')).toContain(
      'export interface ReembedJobView extends JobView<ReembedJobResult> {',
    );
    const paths = (JSON.parse(tree.read('tsconfig.base.json', 'utf-8') ?? '{}') as { compilerOptions: { paths: Record<string, string[]> } }).compilerOptions
      .paths;
    expect(paths['@matrix/review-triage-contract']).toEqual(['libs/review-triage-contract/src/index.ts']);
    expect(tree.read('apps/review-triage-api/src/documents/document-store.ts', 'utf-8')).toContain(
      "import type { DocumentView } from '@matrix/review-triage-contract';",
    );
    expect(tree.read('apps/review-triage-api/evaluation/evaluate.ts', 'utf-8')).toContain(
      "import type { DocumentView, SearchResult } from '@matrix/review-triage-contract';",
    );
    expect(tree.read('apps/review-triage-web/lib/api-types.ts', 'utf-8')).toContain("from '@matrix/review-triage-contract';");
    // One Page envelope: the web's list takes it from the contract instead of declaring its own.
    expect(tree.read('apps/review-triage-web/components/document-list.tsx', 'utf-8')).not.toMatch(/interface Page\b/);
  });

  it('has the first-run hook: a demo-data job queued once on an empty database, readiness until done, an env switch', () => {
    const demo = tree.read('apps/review-triage-api/src/demo/demo-data.ts', 'utf-8') ?? '';
    expect(demo).toContain('export class ReviewTriageDemo implements OnModuleInit');
    expect(demo).toContain("enabled: demoDataEnabled(env, 'REVIEW_TRIAGE_DEMO_DATA')");
    // installDemoData (libs/product-server) defines the job kind, registers the demo-data readiness check and queues the job once.
    expect(demo).toContain('await installDemoData({ db: this.db, jobs: this.jobs, readiness: this.readiness }, this.spec');
    expect(tree.read('apps/review-triage-web/app/page.tsx', 'utf-8')).toContain('<DemoDataBanner what="a few demo documents" />');
  });

  it('runs an example job kind on the shared job queue (ProductJobs), read back at /api/jobs', () => {
    const runner = tree.read('apps/review-triage-api/src/jobs/reembed-job-runner.ts', 'utf-8') ?? '';
    expect(runner).toContain('this.jobs.define({ product: JOB_PRODUCT, kind: JOB_KIND, run: (context) => this.run(context), view: toReembedJobView });');
    expect(tree.read('apps/review-triage-api/src/jobs/reembed-job.ts', 'utf-8')).toContain("export const JOB_PRODUCT = 'review-triage';");
    const module = tree.read('apps/review-triage-api/src/review-triage.module.ts', 'utf-8') ?? '';
    expect(module).toContain('controllers: [DocumentsController, SearchController, ReembedJobsController]');
    expect(module).toMatch(/providers: \[[\s\S]*ReembedJobRunner,\s*ReviewTriageDemo,?\s*\],\s*\}\)/);
    const e2e = tree.read('apps/review-triage-api/test/review-triage-api.e2e.spec.ts', 'utf-8') ?? '';
    expect(e2e).toContain('/api/jobs/${started.body.id}/events');
    expect(e2e).toContain("'/api/jobs', '/api/jobs/{id}'");
  });

  it('gives the web the shared configs (Next.js, ESLint, Jest) and the shared frame (layout, 404, pages)', () => {
    const web = (file: string) => tree.read(`apps/review-triage-web/${file}`, 'utf-8') ?? '';
    expect(web('next.config.mjs')).toContain('export default productNextConfig();');
    expect(web('eslint.config.mjs')).toContain('export default nextWebConfig(import.meta.url);');
    expect(web('jest.config.js')).toContain("preset: '../../tools/jest/web-preset.js',");
    expect(web('app/not-found.tsx')).toContain('<NotFoundPage homeLabel="Search the documents" />');
    expect(web('app/documents/page.tsx')).toContain('<ProductPage title="Documents"');
    expect(tree.exists('apps/review-triage-web/components/product-shell.tsx')).toBe(false);
  });

  it('leaves test, lint and typecheck to nx.json targetDefaults: the project.json files say nothing of them', () => {
    for (const project of ['review-triage-api', 'review-triage-web']) {
      const targets = readProjectConfiguration(tree, project).targets ?? {};
      expect({ project, test: targets['test'], lint: targets['lint'], typecheck: targets['typecheck'] }).toEqual({
        project,
        test: {},
        lint: {},
        typecheck: {},
      });
    }
    const contract = readProjectConfiguration(tree, 'review-triage-contract').targets ?? {};
    expect({ lint: contract['lint'], typecheck: contract['typecheck'] }).toEqual({ lint: {}, typecheck: {} });
  });

  it('declares who may call every API route (issue 14), lists them in docs/access.md, and checks both in a generated spec', () => {
    const declared: Array<{ method: string; path: string; access: string }> = [];
    const controllers = tree
      .listChanges()
      .filter((change) => change.type !== 'DELETE' && /^apps\/review-triage-api\/src\/.*\.ts$/.test(change.path))
      .filter((change) => change.content?.toString('utf8').includes('@Controller('));
    expect(controllers.map((c) => c.path.split('/').pop()).sort()).toEqual(['documents.controller.ts', 'reembed-jobs.controller.ts', 'search.controller.ts']);
    for (const change of controllers) {
      const lines = (change.content?.toString('utf8') ?? '').split('\n');
      const prefix = /@Controller\('([^']*)'\)/.exec(lines.join('\n'))?.[1] ?? '';
      lines.forEach((line, i) => {
        const route = /^\s+@(Get|Post|Put|Patch|Delete)\((?:'([^']*)')?\)/.exec(line);
        if (!route) return;
        // The access decorator sits right above the route decorator, on the method itself.
        const access = /^\s+@((?:Public|Roles|Visitor)\(.*\))$/.exec(lines[i - 1] ?? '')?.[1] ?? null;
        const path = '/' + [prefix, route[2] ?? ''].join('/').split('/').filter(Boolean).join('/');
        declared.push({ method: route[1].toUpperCase(), path, access: (access ?? 'none').replace(/^Public\(.*\)$/, 'Public') });
      });
    }
    expect(declared.filter((r) => r.access === 'none')).toEqual([]);
    const documented = (tree.read('docs/access.md', 'utf-8') ?? '')
      .split('\n')
      .filter((line) => line.startsWith('| review-triage |'))
      .map((line) => line.split('|').map((cell) => cell.trim().replace(/^`|`$/g, '')))
      .map(([, , method, path, access]) => ({ method, path, access }));
    const byRoute = (a: { method: string; path: string }, b: { method: string; path: string }) =>
      `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`);
    expect(documented.sort(byRoute)).toEqual(declared.sort(byRoute));
    expect(documented.map((r) => r.access)).not.toContain('Public');
    const spec = tree.read('apps/review-triage-api/src/route-access.spec.ts', 'utf-8') ?? '';
    expect(spec).toContain("describeRouteAccess('review-triage-api', 'review-triage', __dirname, ROUTE_ACCESS);");
  });

  it('appends to an existing docs/access.md once, keeping what it held', async () => {
    const other = workspaceWithSentiment();
    other.write(
      'docs/access.md',
      "# Access\n\n| product | method | path | access | why |\n| --- | --- | --- | --- | --- |\n| sentiment | GET | `/api/analyses` | `Roles('viewer')` | reads |\n",
    );
    await productGenerator(other, { name: 'review-triage', skipMigrations: true, skipFormat: true });
    const doc = other.read('docs/access.md', 'utf-8') ?? '';
    expect(doc.startsWith('# Access\n')).toBe(true);
    expect(doc).toContain("| sentiment | GET | `/api/analyses` | `Roles('viewer')` | reads |");
    expect(doc.split('\n').filter((l) => l.startsWith('| review-triage |'))).toHaveLength(6);
  });

  it('adds a provider-neutral Prisma model named after the product', () => {
    const schema = tree.read('prisma/schema/review-triage.prisma', 'utf-8') ?? '';
    expect(schema).toContain('model ReviewTriageDocument {');
    expect(schema.replace(/\/\/.*$/gm, '')).not.toMatch(/\benum\b|\bJson\b|@db\./);
  });

  it('adds the scope to the module-boundary rule, once', async () => {
    const config = tree.read('eslint.config.mjs', 'utf-8') ?? '';
    expect(config).toMatch(/const PRODUCT_SCOPES = \[[^\]]*'review-triage'\];/);
    expect(config.match(/'review-triage'/g)).toHaveLength(1);
  });

  it('writes unit and e2e tests and a Dockerfile per app from the shared templates', () => {
    for (const file of [
      'apps/review-triage-api/src/documents/similarity.spec.ts',
      'apps/review-triage-api/src/documents/document.service.spec.ts',
      'apps/review-triage-api/test/review-triage-api.e2e.spec.ts',
      'apps/review-triage-web/lib/format.spec.ts',
      'apps/review-triage-web/e2e/review-triage.e2e.spec.ts',
      'apps/review-triage-web/app/health/route.ts',
    ]) {
      expect(tree.exists(file)).toBe(true);
    }
    const apiDocker = tree.read('apps/review-triage-api/Dockerfile', 'utf-8') ?? '';
    expect(apiDocker).toContain('RUN node tools/scripts/build-artifact.mjs review-triage-api');
    expect(apiDocker).toContain('CMD ["node", "apps/review-triage-api/src/main.js"]');
    expect(apiDocker).toContain('EXPOSE 8140');
    expect(tree.read('apps/review-triage-web/Dockerfile', 'utf-8')).toContain('CMD ["node", "apps/review-triage-web/server.js"]');
  });

  it('leaves no template syntax or placeholder names in any file', () => {
    const written = tree.listChanges().filter((change) => change.type !== 'DELETE' && change.path.includes('review-triage'));
    expect(written.length).toBeGreaterThan(30);
    for (const change of written) {
      const text = change.content?.toString('utf8') ?? '';
      expect({ file: change.path, leftover: /<%|%>|__name__|__tmpl__|\{\{\w+\}\}/.test(text + change.path) }).toEqual({ file: change.path, leftover: false });
    }
  });

  it('refuses a name that is not kebab-case, is reserved, or exists', async () => {
    await expect(productGenerator(workspaceWithSentiment(), { name: 'Review_Triage' })).rejects.toThrow("product name 'Review_Triage' must be kebab-case");
    await expect(productGenerator(workspaceWithSentiment(), { name: 'gateway' })).rejects.toThrow("product name 'gateway' is reserved");
    await expect(productGenerator(workspaceWithSentiment(), { name: 'sentiment' })).rejects.toThrow('apps/sentiment-api already exists');
  });
});
