import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { manifestWithModels, startAppProcess, startGatewayProcess, type AppProcess, type ManagedProcess } from '@matrix/dev-harness';
import { productDatabaseEnv, type ProductApi } from './product-databases';

/** How long a product API may take to be ready (the chatbot seeds its knowledge base first; 2 shared cores). */
const API_READY_MS = 300_000;

/** A product API as the suite started it: its env and port are kept so a restart comes back at the same address. */
export interface ProductProcess extends AppProcess {
  product: ProductApi;
  port: number;
  env: Record<string, string>;
  readyPath: string;
}

/** The gateway as the suite started it (same: restartable at its address, with its model store). */
export interface GatewayHandle extends AppProcess {
  port: number;
  env: Record<string, string>;
}

function portOf(url: string): number {
  return Number(new URL(url).port);
}

/**
 * One scenario's world: a scratch folder (databases, model store, image store, CSVs) under the
 * suite's tmp folder and every process the scenario started, each on a free loopback port, stopped
 * together in reverse order (webs before APIs before the gateway) however the scenario ends.
 */
export class ChaosStack {
  /** Every stack not yet stopped, so an interrupted suite (Ctrl-C) still stops what it started. */
  private static readonly live = new Set<ChaosStack>();
  readonly scratch: string;
  private readonly started: ManagedProcess[] = [];

  constructor(root: string, name: string) {
    mkdirSync(root, { recursive: true });
    this.scratch = mkdtempSync(join(root, `${name}-`));
    ChaosStack.live.add(this);
  }

  static async stopAll(): Promise<void> {
    await Promise.all([...ChaosStack.live].map((stack) => stack.stop()));
  }

  /** Keeps a process to stop at the end; returns it. */
  add<P extends ManagedProcess>(process: P): P {
    this.started.push(process);
    return process;
  }

  /**
   * The inference gateway with its own model store (kept across restarts): the default manifest, as
   * `npm start` runs it, or only `models` of it (a scenario that calls one model).
   */
  async startGateway(models: readonly string[] | 'default', port?: number, env?: Record<string, string>): Promise<GatewayHandle> {
    const gatewayEnv = env ?? {
      GATEWAY_MODEL_STORE: join(this.scratch, 'model-store'),
      ...(models === 'default' ? {} : { MODEL_MANIFEST: manifestWithModels(models) }),
    };
    const gateway = await startGatewayProcess(gatewayEnv, { port });
    return this.add({ ...gateway, port: portOf(gateway.url), env: gatewayEnv });
  }

  /** The same gateway again (after a crash): same port, manifest and model store. */
  restartGateway(previous: GatewayHandle): Promise<GatewayHandle> {
    return this.startGateway([], previous.port, previous.env);
  }

  /**
   * A product API as its own process, with its database env (shared DATABASE_URL + its own override)
   * and `env`, once `readyPath` answers 2xx (a fresh recommender is live but not ready: it has no
   * trained model until data is imported, so the import scenario waits for /health/live).
   */
  async startProduct(product: ProductApi, env: Record<string, string>, port?: number, readyPath = '/health/ready'): Promise<ProductProcess> {
    // No first-run demo data: each scenario brings its own rows and counts them (the MovieLens demo would add a
    // second 100k import and a training run to the import scenario's load and its row counts).
    const productEnv = { ...productDatabaseEnv(product, this.scratch), MATRIX_DEMO_DATA: '0', ...env };
    const api = await startAppProcess(product, { readyPath, env: productEnv, readyTimeoutMs: API_READY_MS, port });
    return this.add({ ...api, product, port: portOf(api.url), env: productEnv, readyPath });
  }

  /** The same product API again (after a crash): same port and env. */
  restartProduct(previous: ProductProcess): Promise<ProductProcess> {
    return this.startProduct(previous.product, previous.env, previous.port, previous.readyPath);
  }

  async stop(): Promise<void> {
    ChaosStack.live.delete(this);
    for (const process of this.started.splice(0).reverse()) await process.stop(5000).catch(() => undefined);
    rmSync(this.scratch, { recursive: true, force: true });
  }
}
