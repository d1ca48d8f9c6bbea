import { ApiKeyTable } from './auth/api-keys';
import { loadGatewayConfig } from './config/gateway-config';
import { createGateway } from './create-gateway';

/** The inference gateway process: env-configured, listens, drains its queues on SIGTERM. */
async function main(): Promise<void> {
  const config = loadGatewayConfig();
  const app = await createGateway(config);
  await app.listen({ host: config.host, port: config.port });
  const log = app.getHttpAdapter().getInstance().log;
  log.info(app.get(ApiKeyTable).describe());
  log.info(`inference gateway listening on http://${config.host}:${config.port} (docs: /docs/openapi.json, metrics: /metrics)`);
}

main().catch((error: Error) => {
  console.error(`inference gateway failed to start: ${error.message}`);
  process.exit(1);
});
