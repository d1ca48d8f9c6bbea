import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export type AppKind = 'api' | 'web';

export interface DockerfileValues {
  /** Port the container listens on (the app's default). */
  port: number;
  /** Env var that sets it (APIs: PORT; the gateway: GATEWAY_PORT; webs: PORT, Next's standalone server). */
  portEnv?: string;
  /** Liveness path for HEALTHCHECK. */
  health?: string;
}

/** The env var that sets the port inside the container: webs run Next's standalone server (PORT), the rest their own. */
export function containerPortEnv(kind: AppKind, portEnv: string | undefined): string {
  return kind === 'web' ? 'PORT' : (portEnv ?? 'PORT');
}

/** The env var that sets the listening address: the port variable's HOST sibling (GATEWAY_PORT → GATEWAY_HOST, PORT → HOST). */
export function containerHostEnv(kind: AppKind, portEnv: string | undefined): string {
  return kind === 'web' ? 'HOSTNAME' : containerPortEnv(kind, portEnv).replace(/PORT$/, 'HOST');
}

/**
 * apps/<app>/Dockerfile from the shared multi-stage template of its kind (tools/docker/Dockerfile.<kind>.template):
 * one template, every app the same shape; only the name, port and health path differ.
 */
export function renderDockerfile(app: string, kind: AppKind, values: DockerfileValues): string {
  const template = readFileSync(join(__dirname, `Dockerfile.${kind}.template`), 'utf8');
  const fill: Record<string, string> = {
    APP: app,
    PORT: String(values.port),
    PORT_ENV: containerPortEnv(kind, values.portEnv),
    HOST_ENV: containerHostEnv(kind, values.portEnv),
    HEALTH: values.health ?? (kind === 'web' ? '/health' : '/health/live'),
    ENTRY: kind === 'web' ? `apps/${app}/server.js` : `apps/${app}/src/main.js`,
  };
  return template.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => {
    if (!(key in fill)) throw new Error(`Dockerfile.${kind}.template uses {{${key}}}, which renderDockerfile does not know`);
    return fill[key];
  });
}
