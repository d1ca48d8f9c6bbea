import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { containerPortEnv } from '../docker/dockerfile';
import { appEndpoints, type AppEndpoint, type WorkspaceFiles } from '../scripts/app-endpoints.cjs';
import type { K8sObject } from './kustomize';

/**
 * deploy/base, generated from the workspace: one entry per app of apps/ with its `serve` metadata (port, port
 * env, liveness and readiness paths: tools/scripts/app-endpoints.cjs, the source `npm start` and the Dockerfiles
 * read too). `npx nx run workspace-tools:k8s-render -- --write-base` rewrites deploy/base/*.yaml; the overlays
 * under deploy/overlays are hand-written Kustomize patches on top of it (see deploy/README.md).
 */

export const PART_OF = 'ai-product-matrix';
/** Image of an app: `matrix/<app>` as the Dockerfiles' `docker build -t` says; overlays retag it (`images:`). */
export const imageOf = (app: string) => `matrix/${app}:latest`;

/** Where the gateway's settings and Prometheus series are declared (read as text: tools do not import apps). */
export const GATEWAY_CONFIG_SOURCE = 'apps/inference-gateway/src/config/gateway-config.ts';
export const GATEWAY_METRICS_SOURCE = 'apps/inference-gateway/src/observability/gateway-metrics.ts';

/** The workspace on disk (a root path) or an Nx Tree's view of it (the generators). */
export type Workspace = string | WorkspaceFiles;

function filesOf(workspace: Workspace): WorkspaceFiles {
  if (typeof workspace !== 'string') return workspace;
  return {
    read: (path) => (existsSync(join(workspace, path)) ? readFileSync(join(workspace, path), 'utf8') : null),
    exists: (path) => existsSync(join(workspace, path)),
    children: (path) => (existsSync(join(workspace, path)) ? readdirSync(join(workspace, path)) : []),
  };
}

/** The gateway's graceful drain: the default of GATEWAY_SHUTDOWN_GRACE_S in its config schema (seconds). */
export function gatewayShutdownGraceS(workspace: Workspace): number {
  const match = /GATEWAY_SHUTDOWN_GRACE_S:\s*z\.coerce\.number\(\)[^\n]*?\.default\((\d+)\)/.exec(filesOf(workspace).read(GATEWAY_CONFIG_SOURCE) ?? '');
  if (!match) throw new Error(`${GATEWAY_CONFIG_SOURCE}: no GATEWAY_SHUTDOWN_GRACE_S default found`);
  return Number(match[1]);
}

/** Seconds a pod keeps serving after it is told to stop, while endpoints and load balancers drop it. */
export const PRE_STOP_SLEEP_S = 5;
/** Gateway: pre-stop sleep + queue drain + 10 s for the server to close (docs/ops.md: ≥ GATEWAY_SHUTDOWN_GRACE_S + 10). */
export const gatewayTerminationGraceS = (drainS: number) => PRE_STOP_SLEEP_S + drainS + 10;
/** Where the models volume is mounted (MODELS_DIR) and where registered models are kept (GATEWAY_MODEL_STORE). */
export const MODELS_DIR = '/models';
export const MODEL_STORE_DIR = '/model-store';
/**
 * API files every replica must share, on a ReadWriteMany volume, and the ConfigMap (`<app>-config`) that points
 * the app at it: the image tagger's originals and thumbnails (IMAGE_STORE_DIR, the filesystem driver of its storage).
 */
export const SHARED_FILES: Record<string, { claim: string; mountPath: string; size: string; config: Record<string, string> }> = {
  'image-tagger-api': { claim: 'image-tagger-images', mountPath: '/image-store', size: '50Gi', config: { IMAGE_STORE_DIR: '/image-store' } },
};
/** Version of the models archive the init container fetches; bump it (and the URL) to roll new files out. */
export const MODELS_VERSION = '2026-12-1';

export interface DeployApp extends AppEndpoint {
  port: number;
  /** The env var that sets the port inside the container. */
  containerPortEnv: string;
  component: 'gateway' | 'api' | 'web';
  /** APIs: the product (database) name, e.g. `support-chatbot`. */
  product?: string;
  /** Webs: the API they proxy to and the env var naming its URL (from apps/<web>/proxy.ts). */
  api?: { app: string; urlEnv: string };
}

/** Every deployable app with what the manifests need, in appEndpoints' order (gateway, APIs, webs). */
export function deployApps(workspace: Workspace): DeployApp[] {
  const files = filesOf(workspace);
  const endpoints = appEndpoints(files).filter((app) => app.hasServe && app.port !== undefined);
  return endpoints.map((app) => {
    const component = app.name === 'inference-gateway' ? 'gateway' : app.kind;
    const base: DeployApp = { ...app, port: app.port as number, containerPortEnv: containerPortEnv(app.kind, app.portEnv), component };
    if (component === 'api') return { ...base, product: app.name.replace(/-api$/, '') };
    if (component === 'web') {
      const match = /(?:productApiProxy|productWebProxy)\(\s*'(\w+)'\s*,\s*'https?:\/\/[^:']+:(\d+)'/.exec(files.read(`${app.root}/proxy.ts`) ?? '');
      const api = match && endpoints.find((other) => other.kind === 'api' && other.port === Number(match[2]));
      // A web without productWebProxy('<X>_API_URL', 'http://host:<api port>') gets no API address (the spec flags it).
      return match && api ? { ...base, api: { app: api.name, urlEnv: match[1] } } : base;
    }
    return base;
  });
}

/** `support-chatbot` → `SUPPORT_CHATBOT_DATABASE_URL` (libs/db/src/offline/product-database.mjs productDatabaseEnvName). */
export const productDatabaseEnv = (product: string) => `${product.toUpperCase().replace(/-/g, '_')}_DATABASE_URL`;

const labelsOf = (app: DeployApp | { name: string; component: string }) => ({
  'app.kubernetes.io/name': app.name,
  'app.kubernetes.io/component': app.component,
  'app.kubernetes.io/part-of': PART_OF,
});
const selectorOf = (name: string) => ({ 'app.kubernetes.io/name': name });

const RESOURCES = {
  gateway: { requests: { cpu: '1', memory: '2Gi' }, limits: { cpu: '2', memory: '4Gi' } },
  api: { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } },
  web: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
} as const;
/** The gateway unloads models least-recently-used first past this budget: below its memory limit (4Gi). */
export const GATEWAY_MEMORY_BUDGET_MB = 3072;

/** Non-root (the images' `node` user, uid 1000), no privilege escalation, no capabilities, read-only root. */
const containerSecurity = {
  runAsNonRoot: true,
  runAsUser: 1000,
  runAsGroup: 1000,
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  capabilities: { drop: ['ALL'] },
};
const podSecurity = { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000, seccompProfile: { type: 'RuntimeDefault' } };

function probes(app: DeployApp) {
  const get = (path: string) => ({ httpGet: { path, port: 'http' } });
  // Start-up: the gateway loads and warms its autoload models before it answers; give it 5 minutes.
  const startupBudgetS = app.component === 'gateway' ? 300 : app.component === 'api' ? 150 : 60;
  return {
    startupProbe: { ...get(app.health), periodSeconds: 5, timeoutSeconds: 3, failureThreshold: startupBudgetS / 5 },
    livenessProbe: { ...get(app.health), periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 3 },
    readinessProbe: { ...get(app.ready), periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 2 },
  };
}

/** Writable folders on a read-only root: /tmp everywhere, the app's tmp/ (workspace root /app), Next's cache. */
function scratchVolumes(app: DeployApp) {
  const mounts = [{ name: 'tmp', mountPath: '/tmp' }];
  if (app.component === 'web') mounts.push({ name: 'next-cache', mountPath: `/app/${app.root}/.next/cache` });
  else mounts.push({ name: 'app-tmp', mountPath: '/app/tmp' });
  return { mounts, volumes: mounts.map((m) => ({ name: m.name, emptyDir: {} })) };
}

/** The shared database (identity store, issue 14) every API also uses: libs/db PLATFORM_DATABASE. */
export const PLATFORM_DATABASE = 'platform';

/** Until `status` says both the product's database and the platform database are up to date (exit 0). */
const WAIT_SCRIPT = (product: string) =>
  `until node tools/prisma-offline/cli.mjs status --product ${product} --product ${PLATFORM_DATABASE}; do echo "waiting for the ${product}-migrate and ${PLATFORM_DATABASE}-migrate Jobs"; sleep 5; done`;

function env(app: DeployApp, apps: DeployApp[]): Record<string, unknown>[] {
  const port = { name: app.containerPortEnv, value: String(app.port) };
  if (app.component === 'gateway') return [port, { name: 'GATEWAY_HOST', value: '0.0.0.0' }];
  if (app.component === 'web') {
    const target = apps.find((other) => other.name === app.api?.app);
    return app.api && target ? [port, { name: app.api.urlEnv, value: `http://${target.name}:${target.port}` }] : [port];
  }
  // The bootstrap admin token is optional (unset by default): the API reads it only where the operator created it.
  return [
    port,
    { name: 'HOST', value: '0.0.0.0' },
    { name: 'MATRIX_ADMIN_TOKEN', valueFrom: { secretKeyRef: { name: 'matrix-admin-token', key: 'MATRIX_ADMIN_TOKEN', optional: true } } },
  ];
}

function envFrom(app: DeployApp) {
  if (app.component === 'gateway') return [{ configMapRef: { name: 'gateway-config' } }, { secretRef: { name: 'gateway-secrets' } }];
  if (app.component === 'api')
    return [
      { configMapRef: { name: 'matrix-config' } },
      ...(SHARED_FILES[app.name] ? [{ configMapRef: { name: `${app.name}-config` } }] : []),
      { secretRef: { name: 'matrix-database' } },
      { secretRef: { name: `${app.name}-secrets` } },
    ];
  return [];
}

interface Context {
  apps: DeployApp[];
  /** The gateway's GATEWAY_SHUTDOWN_GRACE_S. */
  drainS: number;
}

function deployment(app: DeployApp, ctx: Context): K8sObject {
  const scratch = scratchVolumes(app);
  const volumes: Record<string, unknown>[] = [...scratch.volumes];
  const mounts: Record<string, unknown>[] = [...scratch.mounts];
  const initContainers: Record<string, unknown>[] = [];
  if (app.component === 'gateway') {
    volumes.push(
      { name: 'models', persistentVolumeClaim: { claimName: 'gateway-models' } },
      { name: 'model-store', persistentVolumeClaim: { claimName: 'gateway-model-store' } },
    );
    mounts.push({ name: 'models', mountPath: MODELS_DIR, readOnly: true }, { name: 'model-store', mountPath: MODEL_STORE_DIR });
    initContainers.push(modelsInitContainer());
  }
  const shared = SHARED_FILES[app.name];
  if (shared) {
    volumes.push({ name: 'shared-files', persistentVolumeClaim: { claimName: shared.claim } });
    mounts.push({ name: 'shared-files', mountPath: shared.mountPath });
  }
  if (app.component === 'api') {
    // N replicas never race on migrations: the Job migrates, every replica waits until `status` says up to date.
    initContainers.push({
      name: 'wait-for-migrations',
      image: imageOf(app.name),
      command: ['sh', '-c', WAIT_SCRIPT(app.product as string)],
      envFrom: [{ secretRef: { name: 'matrix-database' } }, { secretRef: { name: `${app.name}-secrets` } }],
      resources: { requests: { cpu: '50m', memory: '128Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
      securityContext: containerSecurity,
      volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
    });
  }
  const grace = app.component === 'gateway' ? gatewayTerminationGraceS(ctx.drainS) : 30;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: app.name, labels: labelsOf(app) },
    spec: {
      replicas: 1,
      revisionHistoryLimit: 5,
      selector: { matchLabels: selectorOf(app.name) },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
      template: {
        metadata: {
          labels: labelsOf(app),
          annotations: app.kind === 'api' ? { 'prometheus.io/scrape': 'true', 'prometheus.io/port': String(app.port), 'prometheus.io/path': '/metrics' } : {},
        },
        spec: {
          serviceAccountName: 'matrix-app',
          automountServiceAccountToken: false,
          securityContext: podSecurity,
          terminationGracePeriodSeconds: grace,
          ...(initContainers.length ? { initContainers } : {}),
          containers: [
            {
              name: app.name,
              image: imageOf(app.name),
              imagePullPolicy: 'IfNotPresent',
              ports: [{ name: 'http', containerPort: app.port, protocol: 'TCP' }],
              env: env(app, ctx.apps),
              ...(envFrom(app).length ? { envFrom: envFrom(app) } : {}),
              ...probes(app),
              // Keep serving while the endpoint is removed everywhere; then SIGTERM starts the app's own drain.
              lifecycle: { preStop: { sleep: { seconds: PRE_STOP_SLEEP_S } } },
              resources: RESOURCES[app.component],
              securityContext: containerSecurity,
              volumeMounts: mounts,
            },
          ],
          volumes,
        },
      },
    },
  };
}

/**
 * KServe-storage-initializer style: fetch the models archive into the shared models volume once per version
 * (a marker file per version; a half-written download never becomes visible: it is unpacked beside, then moved).
 * Runs in the gateway image (node + tar + sha256sum are there), so it needs no image of its own.
 */
function modelsInitContainer() {
  const script = [
    'set -eu',
    'marker="/mnt/models/.complete-${MODELS_VERSION}"',
    'if [ -f "$marker" ]; then echo "models ${MODELS_VERSION} already present"; exit 0; fi',
    'if [ -z "${MODELS_ARCHIVE_URL:-}" ]; then echo "MODELS_ARCHIVE_URL unset: expecting the models volume to be filled already"; exit 0; fi',
    'work="/mnt/models/.incoming-$(hostname)"; rm -rf "$work"; mkdir -p "$work"',
    `node -e 'const fs=require("fs"),{Readable}=require("stream"),{pipeline}=require("stream/promises");fetch(process.env.MODELS_ARCHIVE_URL).then(r=>{if(!r.ok)throw new Error("HTTP "+r.status);return pipeline(Readable.fromWeb(r.body),fs.createWriteStream("/tmp/models.tgz"))}).catch(e=>{console.error(e.message);process.exit(1)})'`,
    'echo "${MODELS_ARCHIVE_SHA256}  /tmp/models.tgz" | sha256sum -c -',
    'tar -xzf /tmp/models.tgz -C "$work" && rm -f /tmp/models.tgz',
    'cp -a "$work"/. /mnt/models/ && rm -rf "$work" && touch "$marker"',
    'echo "models ${MODELS_VERSION} in place"',
  ].join('\n');
  return {
    name: 'models-init',
    image: imageOf('inference-gateway'),
    command: ['sh', '-c', script],
    env: [
      { name: 'MODELS_VERSION', valueFrom: { configMapKeyRef: { name: 'gateway-models', key: 'MODELS_VERSION' } } },
      { name: 'MODELS_ARCHIVE_URL', valueFrom: { configMapKeyRef: { name: 'gateway-models', key: 'MODELS_ARCHIVE_URL' } } },
      { name: 'MODELS_ARCHIVE_SHA256', valueFrom: { configMapKeyRef: { name: 'gateway-models', key: 'MODELS_ARCHIVE_SHA256' } } },
    ],
    resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '1', memory: '1Gi' } },
    securityContext: containerSecurity,
    volumeMounts: [
      { name: 'models', mountPath: '/mnt/models' },
      { name: 'tmp', mountPath: '/tmp' },
    ],
  };
}

function service(app: DeployApp): K8sObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: app.name, labels: labelsOf(app) },
    spec: { type: 'ClusterIP', selector: selectorOf(app.name), ports: [{ name: 'http', port: app.port, targetPort: 'http', protocol: 'TCP' }] },
  };
}

function disruptionBudget(app: DeployApp): K8sObject {
  // maxUnavailable 1: a node drain never takes more than one pod of an app at a time, and never blocks with 1 replica.
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: app.name, labels: labelsOf(app) },
    spec: { maxUnavailable: 1, selector: { matchLabels: selectorOf(app.name) } },
  };
}

/**
 * The Job that migrates one database (`product`: a product, or the platform database) with the CLI of `app`'s image;
 * `secrets`: the Secrets that say where that database is (the same as the API's).
 */
function migrationJob(product: string, app: DeployApp, secrets: string[]): K8sObject {
  const name = `${product}-migrate`;
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, labels: { ...labelsOf({ name, component: 'migration' }), 'matrix.ai/database': product } },
    spec: {
      backoffLimit: 6,
      // Finished Jobs go away after a day; the next deploy applies a new one (its image tag in the name's place).
      ttlSecondsAfterFinished: 86_400,
      template: {
        metadata: { labels: { ...labelsOf({ name, component: 'migration' }) } },
        spec: {
          restartPolicy: 'OnFailure',
          serviceAccountName: 'matrix-app',
          automountServiceAccountToken: false,
          securityContext: podSecurity,
          containers: [
            {
              name: 'migrate',
              image: imageOf(app.name),
              // The repository's offline migrate CLI (tools/prisma-offline/cli.mjs, shipped in every API image),
              // on this product's database only: <PRODUCT>_DATABASE_URL, else its schema of DATABASE_URL.
              command: ['node', 'tools/prisma-offline/cli.mjs', 'deploy', '--product', product],
              envFrom: secrets.map((secret) => ({ secretRef: { name: secret } })),
              resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '1', memory: '1Gi' } },
              securityContext: containerSecurity,
              volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
            },
          ],
          volumes: [{ name: 'tmp', emptyDir: {} }],
        },
      },
    },
  };
}

function ingress(app: DeployApp): K8sObject {
  const host = `${app.name.replace(/-web$/, '')}.matrix.example.com`;
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: app.name, labels: labelsOf(app) },
    spec: {
      ingressClassName: 'nginx',
      tls: [{ hosts: [host], secretName: `${app.name}-tls` }],
      rules: [{ host, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: app.name, port: { name: 'http' } } } }] } }],
    },
  };
}

function gatewayExtras(app: DeployApp, products: string[], drainS: number): K8sObject[] {
  const pvc = (name: string, size: string): K8sObject => ({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, labels: labelsOf(app) },
    // ReadWriteMany: every gateway replica mounts the same models and the same registered-model store.
    spec: { accessModes: ['ReadWriteMany'], resources: { requests: { storage: size } } },
  });
  return [
    pvc('gateway-models', '20Gi'),
    pvc('gateway-model-store', '10Gi'),
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'gateway-config', labels: labelsOf(app) },
      data: {
        MODELS_DIR,
        GATEWAY_MODEL_STORE: MODEL_STORE_DIR,
        // The shared model registry (records in GATEWAY_MODEL_STORE): each replica applies another's replacement or unload within this.
        GATEWAY_REGISTRY_RESCAN_MS: '2000',
        // Caches of hub models (libs/model-loading defaults them under $HOME, read-only here) on the /tmp emptyDir.
        MATRIX_MODEL_CACHE_DIR: '/tmp/matrix-models',
        HF_HOME: '/tmp/huggingface',
        MATRIX_DEVICE: 'cpu',
        GATEWAY_MEMORY_BUDGET_MB: String(GATEWAY_MEMORY_BUDGET_MB),
        GATEWAY_SHUTDOWN_GRACE_S: String(drainS),
        LOG_LEVEL: 'info',
      },
    },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'gateway-models', labels: labelsOf(app) },
      data: { MODELS_VERSION, MODELS_ARCHIVE_URL: '', MODELS_ARCHIVE_SHA256: '' },
    },
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'gateway-secrets', labels: labelsOf(app) },
      type: 'Opaque',
      // Placeholder keys are 7 characters: the gateway refuses keys shorter than 8, so it will not start until they are replaced.
      stringData: { GATEWAY_API_KEYS: products.map((product) => `${product}:REPLACE:use-lite-en`).join(';') },
    },
    {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: app.name, labels: labelsOf(app) },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: app.name },
        minReplicas: 1,
        maxReplicas: 4,
        metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }],
        behavior: { scaleDown: { stabilizationWindowSeconds: 300 } },
      },
    },
  ];
}

/** The base: every app's objects plus the shared ConfigMap/Secrets and the service account. */
export function baseObjects(workspace: Workspace): K8sObject[] {
  const apps = deployApps(workspace);
  const gateway = apps.find((app) => app.component === 'gateway');
  const products = apps.filter((app) => app.component === 'api').map((app) => app.product as string);
  const ctx: Context = { apps, drainS: gateway ? gatewayShutdownGraceS(workspace) : 0 };
  const shared: K8sObject[] = [
    {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'matrix-app', labels: { 'app.kubernetes.io/part-of': PART_OF } },
      automountServiceAccountToken: false,
    },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'matrix-config', labels: { 'app.kubernetes.io/part-of': PART_OF } },
      data: {
        GATEWAY_URL: gateway ? `http://${gateway.name}:${gateway.port}` : '',
        LOG_LEVEL: 'info',
        DATABASE_BUSY_TIMEOUT_MS: '2000',
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'matrix-database', labels: { 'app.kubernetes.io/part-of': PART_OF } },
      type: 'Opaque',
      // Placeholders: the overlays (dev) or the operator (production) put the real endpoints here (and, optionally,
      // PLATFORM_DATABASE_URL: the identity store every API shares; else the schema `platform` of DATABASE_URL).
      stringData: { DATABASE_URL: 'postgresql://matrix:REPLACE@postgres:5432/matrix' },
    },
  ];
  const perApp = apps.flatMap((app) => {
    const objects = [deployment(app, ctx), service(app), disruptionBudget(app)];
    if (app.component === 'api') {
      objects.push(migrationJob(app.product as string, app, ['matrix-database', `${app.name}-secrets`]), {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: `${app.name}-secrets`, labels: labelsOf(app) },
        type: 'Opaque',
        // This product's gateway key; add `${productDatabaseEnv(app.product as string)}` here to give it a database of its own.
        stringData: { GATEWAY_API_KEY: 'REPLACE' },
      });
    }
    const files = SHARED_FILES[app.name];
    if (files) {
      objects.push(
        {
          apiVersion: 'v1',
          kind: 'PersistentVolumeClaim',
          metadata: { name: files.claim, labels: labelsOf(app) },
          // ReadWriteMany: what one replica stored, every other reads and deletes.
          spec: { accessModes: ['ReadWriteMany'], resources: { requests: { storage: files.size } } },
        },
        { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `${app.name}-config`, labels: labelsOf(app) }, data: files.config },
      );
    }
    if (app.component === 'web') objects.push(ingress(app));
    if (app.component === 'gateway') objects.push(...gatewayExtras(app, products, ctx.drainS));
    return objects;
  });
  // The platform database (shared by every API) is migrated once, from the first API's image (each carries the CLI and the migrations).
  const firstApi = apps.find((app) => app.component === 'api');
  if (firstApi) shared.push(migrationJob(PLATFORM_DATABASE, firstApi, ['matrix-database']));
  return [...shared, ...perApp];
}

/** File name in deploy/base for an object: one file per app (gateway.yaml, sentiment-api.yaml…), shared.yaml. */
export function baseFileOf(object: K8sObject): string {
  const name = object.metadata.labels?.['app.kubernetes.io/name'];
  if (object.kind === 'Job') {
    const database = object.metadata.labels?.['matrix.ai/database'];
    return database === PLATFORM_DATABASE ? 'shared.yaml' : `${database}-api.yaml`;
  }
  return name ? `${name}.yaml` : 'shared.yaml';
}

const HEADER =
  '# Generated by `npx nx run workspace-tools:k8s-render -- --write-base` from apps/*/project.json (serve metadata)\n# and tools/k8s/manifests.ts. Do not edit: change the generator, or patch in an overlay.\n';

/** deploy/base's files: name → content (kustomization.yaml listing the others). */
export function baseFiles(workspace: Workspace): Record<string, string> {
  const files: Record<string, K8sObject[]> = {};
  for (const object of baseObjects(workspace)) (files[baseFileOf(object)] ??= []).push(object);
  const names = Object.keys(files).sort((a, b) => (a === 'shared.yaml' ? -1 : b === 'shared.yaml' ? 1 : a.localeCompare(b)));
  const out: Record<string, string> = {};
  for (const name of names) out[name] = HEADER + files[name].map((object) => stringify(object, { lineWidth: 0, aliasDuplicateObjects: false })).join('---\n');
  out['kustomization.yaml'] = HEADER + stringify({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: names });
  return out;
}

/**
 * For the generators (`deployables`, `product`): rewrites deploy/base in the Tree, so a new or changed app gets its
 * manifests by convention. Does nothing in a workspace without deploy/base (e.g. the generators' test trees).
 */
export function writeDeployBase(tree: WorkspaceFiles & { write(path: string, content: string): void; delete(path: string): void }): void {
  if (!tree.exists('deploy/base/kustomization.yaml')) return;
  const files = baseFiles(tree);
  for (const name of tree.children('deploy/base')) if (!(name in files)) tree.delete(`deploy/base/${name}`);
  for (const [name, content] of Object.entries(files)) tree.write(`deploy/base/${name}`, content);
}
