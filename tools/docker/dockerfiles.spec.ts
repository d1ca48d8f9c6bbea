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

  it('renders a multi-stage build: workspace install, artifact, pruned production deps, non-root runtime with a health check', () => {
    const text = renderDockerfile('x-api', 'api', { port: 8190 });
    expect(text.match(/^FROM /gm)).toHaveLength(4);
    expect(text).toContain('npm install --omit=dev --prefer-offline --ignore-scripts');
    expect(text).toContain('USER node');
    expect(text).toContain("'/health/live'");
    expect(text).toContain('ENV NODE_ENV=production HOST=0.0.0.0 MODELS_DIR=/models');
    expect(renderDockerfile('inference-gateway', 'api', { port: 8100, portEnv: 'GATEWAY_PORT' })).toContain('GATEWAY_HOST=0.0.0.0');
    expect(() => renderDockerfile('x', 'api', { port: 1 })).not.toThrow();
  });

  // The issue-15 failure: the root postinstall (prisma generate) reads prisma/prisma.config.ts, which needs tsconfig.base.json.
  it('copies what the root postinstall reads before the workspace npm install', () => {
    for (const kind of ['api', 'web'] as const) {
      const text = renderDockerfile('x', kind, { port: 1 });
      const install = text.indexOf('RUN npm install --no-audit');
      const copied = text
        .slice(0, install)
        .split('\n')
        .filter((line) => line.startsWith('COPY '));
      for (const needed of ['tsconfig.base.json', 'tools/prisma-offline', 'libs/db/src/offline', 'prisma', '.npmrc']) {
        expect(copied.some((line) => line.split(' ').includes(needed))).toBe(true);
      }
    }
  });

  // One npm install for all the images: the workspace stage is the same text in every app's Dockerfile (layer cache).
  it('starts every Dockerfile with the same workspace stage', () => {
    const stage = (text: string) => text.slice(text.indexOf('FROM ${NODE_IMAGE} AS workspace'), text.indexOf('RUN npm install --no-audit --no-fund'));
    const api = stage(renderDockerfile('a-api', 'api', { port: 1 }));
    expect(api).toContain('COPY package.json package-lock.json .npmrc tsconfig.base.json ./');
    expect(stage(renderDockerfile('b-web', 'web', { port: 2 }))).toBe(api);
    expect(stage(renderDockerfile('inference-gateway', 'api', { port: 8100, portEnv: 'GATEWAY_PORT' }))).toBe(api);
  });
});
