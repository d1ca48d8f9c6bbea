import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { workspaceRoot } from '@matrix/paths';
import { harnessAdminToken } from './admin-token';
import { freePort } from './free-port';
import { ManagedProcess, startProcess } from './managed-process';

export interface AppProcess extends ManagedProcess {
  url: string;
}

export interface AppProcessOptions {
  /** Env var that sets the app's port (the gateway's is GATEWAY_PORT, products' PORT). */
  portVariable?: string;
  /** Path answered 2xx once the app is ready. */
  readyPath: string;
  env?: Record<string, string | undefined>;
  readyTimeoutMs?: number;
  /** A fixed port (e.g. to start a gateway again where its clients expect it); default a free one. */
  port?: number;
}

/**
 * Starts one of the monorepo's NestJS apps from source (`apps/<app>/src/main.ts` through
 * @swc-node/register) on a free port and waits until it is ready. Evaluation, benchmark and e2e
 * scripts use it to start — and always stop — the servers they need.
 */
export async function startAppProcess(app: string, options: AppProcessOptions): Promise<AppProcess> {
  const root = workspaceRoot();
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const started = await startProcess({
    name: app,
    command: process.execPath,
    args: ['-r', '@swc-node/register', join(root, 'apps', app, 'src', 'main.ts')],
    cwd: root,
    // No first-run demo data unless asked for: an evaluation or bench measures its own data set, and the demo's
    // rows (e.g. the tagger's COCO photos, deduplicated by hash) would mix into it.
    env: {
      SWC_NODE_PROJECT: join(root, 'tsconfig.base.json'),
      LOG_LEVEL: 'warn',
      MATRIX_DEMO_DATA: '0',
      // The product APIs deny staff routes without credentials: the apps a tool starts accept its bootstrap token.
      // Evaluations and benches measure the product's throughput, not the per-credential staff rate limit (off here;
      // sign-in, public and visitor limits stay as configured).
      ...(app === 'inference-gateway' ? {} : { MATRIX_ADMIN_TOKEN: harnessAdminToken(), RATE_LIMIT_STAFF: '0' }),
      ...options.env,
      [options.portVariable ?? 'PORT']: String(port),
    },
    readyUrl: `${url}${options.readyPath}`,
    readyTimeoutMs: options.readyTimeoutMs,
  });
  return { ...started, url };
}

/**
 * The inference gateway on a free port, ready once its start-up models are loaded. Its model store (and so its
 * shared model registry) is a fresh temporary folder unless GATEWAY_MODEL_STORE is given — pass the same folder to
 * several gateways to run them as replicas that share registrations.
 */
export function startGatewayProcess(env: Record<string, string | undefined> = {}, options: { port?: number } = {}): Promise<AppProcess> {
  return startAppProcess('inference-gateway', {
    portVariable: 'GATEWAY_PORT',
    readyPath: '/v2/health/ready',
    env: { ...env, GATEWAY_MODEL_STORE: env.GATEWAY_MODEL_STORE ?? mkdtempSync(join(tmpdir(), 'gateway-store-')), GATEWAY_HOST: '127.0.0.1' },
    port: options.port,
  });
}

/** The gateway is an app like the others. */
export type GatewayProcess = AppProcess;
