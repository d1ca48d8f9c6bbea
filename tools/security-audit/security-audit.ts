// `npx nx run workspace-tools:security-audit [-- --products sentiment-api,… --gateway no]`: starts the four
// product APIs on fresh temporary SQLite databases (no gateway: an authorization check needs no model),
// reads each API's OpenAPI document and calls EVERY operation with no credentials, as signed-in staff of
// the wrong role and of the right role (a visitor token on visitor routes), compares what each operation
// declares (`x-access`) with what the guard did, prints a table and the line
// {"suite":"authz","routes":N,"public":N,"unauthenticated_denied":N,"wrong_role_denied":N,"right_role_ok":N,"violations":0},
// then the gateway's own audit line {"suite":"gateway-authz",…}. Exit 1 on any violation.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliArgs, harnessAdminToken, startAppProcess, type AppProcess } from '@matrix/dev-harness';
import { auditProduct, formatTable, summarize, type AuditedRoute, type AuthzSummary } from './authz-audit';
import { gatewayAuthz, reportGatewayAuthz } from './gateway-authz';

export const PRODUCT_APIS = ['sentiment-api', 'support-chatbot-api', 'recommender-api', 'image-tagger-api'] as const;

export interface SecurityAuditOptions {
  products: readonly string[];
  /** Where progress lines go (default stderr, so stdout holds the table and the JSON lines). */
  log?: (line: string) => void;
}

/** Starts the products (one after the other: 2 cores are enough), audits each, stops it; returns every audited route. */
export async function auditProducts(options: SecurityAuditOptions): Promise<{ routes: AuditedRoute[]; summary: AuthzSummary }> {
  const log = options.log ?? ((line: string) => console.error(`[security-audit] ${line}`));
  const adminToken = harnessAdminToken();
  const scratch = mkdtempSync(join(tmpdir(), 'security-audit-'));
  const routes: AuditedRoute[] = [];
  try {
    for (const product of options.products) {
      const started = Date.now();
      let api: AppProcess | undefined;
      try {
        api = await startAppProcess(product, {
          readyPath: '/health/live',
          env: {
            // A fresh database per run: the identity store and each product's own file derive from it.
            DATABASE_URL: `file:${join(scratch, 'matrix.db')}`,
            PLATFORM_DATABASE_URL: `file:${join(scratch, 'matrix-platform.db')}`,
            MATRIX_ADMIN_TOKEN: adminToken,
            MATRIX_ADMIN_EMAIL: undefined,
            MATRIX_ADMIN_PASSWORD: undefined,
            // No gateway: nothing is served, handlers that need a model answer 503, which is past the guard.
            GATEWAY_URL: 'http://127.0.0.1:9',
            // The audit's own burst (every route, several callers, sign-ins) is not what the limits are for.
            RATE_LIMIT_SIGN_IN: '10000',
            RATE_LIMIT_PUBLIC: '10000',
            RATE_LIMIT_VISITOR: '10000',
            RATE_LIMIT_STAFF: '100000',
            REDIS_URL: undefined,
            JOB_QUEUE: 'in-process',
          },
        });
        const audited = await auditProduct(product, api.url, adminToken);
        routes.push(...audited);
        log(`${product}: ${audited.length} routes in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      } finally {
        await api?.stop();
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return { routes, summary: summarize(routes) };
}

const USAGE = `Usage: npx nx run workspace-tools:security-audit -- [flags]
  --products ${PRODUCT_APIS.join(',')}   the product APIs to audit (comma-separated)
  --gateway yes                 also audit the inference gateway's key scopes and model-store paths (yes | no)`;

async function main(): Promise<number> {
  const args = cliArgs(USAGE, { products: PRODUCT_APIS.join(','), gateway: 'yes' });
  const products = args.products
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const unknown = products.filter((p) => !(PRODUCT_APIS as readonly string[]).includes(p));
  if (unknown.length) throw new Error(`unknown product API(s): ${unknown.join(', ')}; expected ${PRODUCT_APIS.join(', ')}`);
  const { routes, summary } = await auditProducts({ products });
  console.log(formatTable(routes));
  for (const route of routes.filter((r) => r.violations.length)) {
    console.error(`[security-audit] VIOLATION ${route.product} ${route.method} ${route.path}: ${route.violations.join('; ')}`);
  }
  console.log(JSON.stringify(summary));
  let ok = summary.violations === 0;
  if (args.gateway !== 'no') ok = reportGatewayAuthz(await gatewayAuthz()) && ok;
  return ok ? 0 : 1;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: Error) => {
      console.error(`[security-audit] failed: ${error.stack ?? error.message}`);
      process.exit(1);
    },
  );
}
