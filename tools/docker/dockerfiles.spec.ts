import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { workspaceRoot } from '@matrix/paths';
import { appEndpoints } from '../scripts/app-endpoints.cjs';
import { renderDockerfile } from './dockerfile';

const root = workspaceRoot();

describe('Dockerfiles', () => {
  // After adding an app (or merging one), `npx nx g @matrix/tools:deployables` brings these up to date.
  it.each(
    appEndpoints(root)
      .filter((app) => app.hasServe)
      .map((app) => [app.name, app] as const),
  )('%s has the Dockerfile the shared template renders', (_name, app) => {
    const file = join(root, app.root, 'Dockerfile');
    expect(existsSync(file) ? 'present' : `missing: run npx nx g @matrix/tools:deployables`).toBe('present');
    expect(readFileSync(file, 'utf8')).toBe(renderDockerfile(app.name, app.kind, { port: app.port ?? 0, portEnv: app.portEnv, health: app.health }));
  });

  it('renders a multi-stage build: artifact, pruned production deps, non-root runtime with a health check', () => {
    const text = renderDockerfile('x-api', 'api', { port: 8190 });
    expect(text.match(/^FROM /gm)).toHaveLength(3);
    expect(text).toContain('RUN npm install --omit=dev');
    expect(text).toContain('USER node');
    expect(text).toContain("'/health/live'");
    expect(() => renderDockerfile('x', 'api', { port: 1 })).not.toThrow();
  });
});
