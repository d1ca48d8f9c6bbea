import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGatewayProcess } from '@matrix/dev-harness';
import { GatewayClient } from '@matrix/gateway-client';

export interface TrainingGateway {
  client: GatewayClient;
  url: string;
  /** Stops the gateway when this run started it; leaves a given one running. */
  stop(): Promise<void>;
}

/**
 * The gateway a training run embeds through and registers with: the one at `url`, else one started
 * here on a scratch model store (`storePrefix`), stopped by stop().
 */
export async function openTrainingGateway(url: string, storePrefix: string, log: (line: string) => void): Promise<TrainingGateway> {
  const own = url ? undefined : await startGatewayProcess({ GATEWAY_MODEL_STORE: mkdtempSync(join(tmpdir(), storePrefix)) });
  const baseUrl = own ? own.url : url;
  if (own) log(`started a gateway at ${baseUrl} (stopped at the end)`);
  const client = new GatewayClient({ baseUrl, apiKey: process.env.GATEWAY_API_KEY, timeoutMs: 180_000, maxRetries: 5 });
  return { client, url: baseUrl, stop: async () => await own?.stop() };
}
