import { ApiKeyTable } from './auth/api-keys';
import { loadGatewayConfig } from './config/gateway-config';
import { applyHeapGrowth } from './config/heap-growth';
import { createGateway } from './create-gateway';

/** Pending connections the kernel may hold for the gateway (capped by net.core.somaxconn). */
const LISTEN_BACKLOG = 4096;

/** The inference gateway process: env-configured, listens, drains its queues on SIGTERM. */
async function main(): Promise<void> {
  const config = loadGatewayConfig();
  applyHeapGrowth(config.heapGrowingPercent);
  const app = await createGateway(config);
  // A crowd connecting at once must not overflow the accept queue (Node's default 511): TCP retries a
  // connection dropped there after 1 s, 3 s, … and even an immediate 429 would then arrive seconds late.
  await app.listen({ host: config.host, port: config.port, backlog: LISTEN_BACKLOG });
  const log = app.getHttpAdapter().getInstance().log;
  log.info(app.get(ApiKeyTable).describe());
  log.info(`inference gateway listening on http://${config.host}:${config.port} (docs: /docs/openapi.json, metrics: /metrics)`);
}

main().catch((error: Error) => {
  console.error(`inference gateway failed to start: ${error.message}`);
  process.exit(1);
});
