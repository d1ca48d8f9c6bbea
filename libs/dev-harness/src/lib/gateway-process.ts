import { join } from 'node:path';
import { workspaceRoot } from '@matrix/paths';
import { freePort } from './free-port';
import { ManagedProcess, startProcess } from './managed-process';

export interface GatewayProcess extends ManagedProcess {
  url: string;
}

/**
 * Starts the inference gateway from source (TypeScript through @swc-node/register) on a free port
 * and waits until its models are loaded. `env` sets GATEWAY_BATCHING, MODEL_MANIFEST, keys, etc.
 */
export async function startGatewayProcess(env: Record<string, string | undefined> = {}): Promise<GatewayProcess> {
  const root = workspaceRoot();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = await startProcess({
    name: 'inference-gateway',
    command: process.execPath,
    args: ['-r', '@swc-node/register', join(root, 'apps', 'inference-gateway', 'src', 'main.ts')],
    cwd: root,
    env: { SWC_NODE_PROJECT: join(root, 'tsconfig.base.json'), LOG_LEVEL: 'warn', ...env, GATEWAY_HOST: '127.0.0.1', GATEWAY_PORT: String(port) },
    readyUrl: `${url}/v2/health/ready`,
  });
  return { ...started, url };
}
