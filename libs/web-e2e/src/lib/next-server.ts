import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, startProcess, type AppProcess } from '@matrix/dev-harness';
import { workspaceRoot } from '@matrix/paths';

/** apps/<project>: where a web app's sources and its `.next` build live. */
export function webAppDir(project: string): string {
  return join(workspaceRoot(), 'apps', project);
}

/** Fails when the web app has no production build, saying how to make one. */
export function requireNextBuild(project: string): void {
  const nextDir = join(webAppDir(project), '.next');
  if (!existsSync(join(nextDir, 'BUILD_ID')))
    throw new Error(`${nextDir} has no build: run \`npx nx run ${project}:build\` (the ${project}:test target does it first).`);
}

export interface NextServerOptions {
  /** The web app's env (its API's URL). */
  env: Record<string, string>;
  /** Polled until it answers 2xx (default `/`). */
  readyPath?: string;
  readyTimeoutMs?: number;
}

/** The built web app under `next start` on a free loopback port, as it runs in production. */
export async function startNextServer(project: string, options: NextServerOptions): Promise<AppProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = await startProcess({
    name: project,
    command: process.execPath,
    args: [require.resolve('next/dist/bin/next'), 'start', webAppDir(project), '-p', String(port), '-H', '127.0.0.1'],
    cwd: workspaceRoot(),
    env: { ...options.env, NEXT_TELEMETRY_DISABLED: '1' },
    readyUrl: `${url}${options.readyPath ?? '/'}`,
    readyTimeoutMs: options.readyTimeoutMs ?? 60_000,
  });
  return { ...started, url };
}
