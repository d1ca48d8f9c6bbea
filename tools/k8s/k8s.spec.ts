import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseManifest } from '@matrix/model-loading';
import { workspaceRoot } from '@matrix/paths';
import { parse } from 'yaml';
import { renderKustomization, strategicMerge, type K8sObject } from './kustomize';
import { baseFiles, deployApps, GATEWAY_CONFIG_SOURCE, GATEWAY_METRICS_SOURCE, gatewayShutdownGraceS, PRE_STOP_SLEEP_S } from './manifests';

const root = workspaceRoot();
const OVERLAYS = ['dev', 'production', 'remote-oip'];
const rendered = Object.fromEntries(OVERLAYS.map((overlay) => [overlay, renderKustomization(join(root, 'deploy', 'overlays', overlay))]));
const apps = deployApps(root);
/* eslint-disable @typescript-eslint/no-explicit-any */
const find = (objects: K8sObject[], kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name) as any;
const podOf = (deployment: any) => deployment.spec.template.spec;

/** Runs the real CLI (plain node: the schema packages are ES modules, which Jest's CommonJS runtime cannot import). */
function cli(args: string[]): { code: number; stdout: string } {
  try {
    const stdout = execFileSync(process.execPath, ['-r', '@swc-node/register', 'tools/k8s/k8s.ts', ...args], {
      cwd: root,
      env: { ...process.env, SWC_NODE_PROJECT: 'tsconfig.base.json' },
      encoding: 'utf8',
    });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { status: number; stdout: string };
    return { code: failed.status, stdout: failed.stdout };
  }
}
const summary = (stdout: string) => JSON.parse(stdout.trim().split('\n').at(-1) as string);

describe('Kubernetes manifests (deploy/)', () => {
  it('deploy/base is what the generator renders from the apps (npx nx run workspace-tools:k8s-render -- --write-base)', () => {
    for (const [name, content] of Object.entries(baseFiles(root))) expect(readFileSync(join(root, 'deploy', 'base', name), 'utf8')).toBe(content);
  });

  it('covers every app: the gateway, each product API and web', () => {
    const names = apps.map((app) => app.name);
    for (const name of [
      'inference-gateway',
      'sentiment-api',
      'sentiment-web',
      'support-chatbot-api',
      'support-chatbot-web',
      'recommender-api',
      'recommender-web',
      'image-tagger-api',
      'image-tagger-web',
    ]) {
      expect(names).toContain(name);
    }
    expect(apps.filter((app) => app.component === 'web').every((web) => web.api !== undefined)).toBe(true);
  });

  it.each(OVERLAYS)('%s: every app has a Deployment, a Service and a PodDisruptionBudget selecting its pods; every web an Ingress', (overlay) => {
    const objects = rendered[overlay];
    for (const app of apps) {
      const deployment = find(objects, 'Deployment', app.name);
      const service = find(objects, 'Service', app.name);
      const pdb = find(objects, 'PodDisruptionBudget', app.name);
      expect([app.name, Boolean(deployment), Boolean(service), Boolean(pdb)]).toEqual([app.name, true, true, true]);
      const labels = deployment.spec.template.metadata.labels;
      for (const selector of [service.spec.selector, pdb.spec.selector.matchLabels, deployment.spec.selector.matchLabels]) {
        for (const [key, value] of Object.entries(selector)) expect(labels[key]).toBe(value);
      }
      if (app.component === 'web') expect(find(objects, 'Ingress', app.name).spec.rules[0].http.paths[0].backend.service.name).toBe(app.name);
    }
  });

  it.each(OVERLAYS)('%s: ports, port env and probes come from each app’s serve metadata', (overlay) => {
    for (const app of apps) {
      const container = podOf(find(rendered[overlay], 'Deployment', app.name)).containers[0];
      expect(container.ports).toEqual([{ name: 'http', containerPort: app.port, protocol: 'TCP' }]);
      expect(container.env).toContainEqual({ name: app.containerPortEnv, value: String(app.port) });
      expect(container.livenessProbe.httpGet).toEqual({ path: app.health, port: 'http' });
      expect(container.startupProbe.httpGet).toEqual({ path: app.health, port: 'http' });
      expect(container.readinessProbe.httpGet).toEqual({ path: app.ready, port: 'http' });
      expect(container.resources.requests && container.resources.limits).toBeTruthy();
      expect(container.securityContext).toMatchObject({ runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
      if (app.component === 'web') {
        const api = apps.find((other) => other.name === app.api?.app);
        expect(container.env).toContainEqual({ name: app.api?.urlEnv, value: `http://${api?.name}:${api?.port}` });
      }
    }
    expect(apps.find((app) => app.component === 'gateway')?.ready).toBe('/v2/health/ready');
  });

  it.each(OVERLAYS)('%s: one migration Job per database (each product’s, the platform’s), and every API replica waits for its two', (overlay) => {
    for (const app of apps.filter((a) => a.component === 'api')) {
      const job = find(rendered[overlay], 'Job', `${app.product}-migrate`);
      const migrate = job.spec.template.spec.containers[0];
      expect(migrate.command).toEqual(['node', 'tools/prisma-offline/cli.mjs', 'deploy', '--product', app.product]);
      const pod = podOf(find(rendered[overlay], 'Deployment', app.name));
      const wait = pod.initContainers.find((c: any) => c.name === 'wait-for-migrations');
      expect(wait.command.join(' ')).toContain(`node tools/prisma-offline/cli.mjs status --product ${app.product} --product platform;`);
      // Same image (same migrations) and same database settings as the API itself.
      expect(new Set([migrate.image, wait.image, pod.containers[0].image]).size).toBe(1);
      expect(migrate.envFrom).toEqual(pod.containers[0].envFrom.filter((ref: any) => ref.secretRef));
    }
    // The shared platform database (identity store) once, by a Job of its own.
    const platform = find(rendered[overlay], 'Job', 'platform-migrate').spec.template.spec.containers[0];
    expect(platform.command).toEqual(['node', 'tools/prisma-offline/cli.mjs', 'deploy', '--product', 'platform']);
    expect(platform.envFrom).toEqual([{ secretRef: { name: 'matrix-database' } }]);
  });

  it('the script the Job and the init container run exists and has deploy/status --product', () => {
    const cliText = readFileSync(join(root, 'tools/prisma-offline/cli.mjs'), 'utf8');
    expect(cliText).toContain("case 'deploy'");
    expect(cliText).toContain("case 'status'");
    expect(cliText).toContain('product: { type: ');
  });

  it.each(OVERLAYS)('%s: the gateway gets the time to drain its queues before it is killed', (overlay) => {
    const objects = rendered[overlay];
    const drainS = Number(find(objects, 'ConfigMap', 'gateway-config').data.GATEWAY_SHUTDOWN_GRACE_S);
    const pod = podOf(find(objects, 'Deployment', 'inference-gateway'));
    const preStop = pod.containers[0].lifecycle.preStop.sleep.seconds;
    expect(pod.containers[0].envFrom).toContainEqual({ configMapRef: { name: 'gateway-config' } });
    expect(pod.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(preStop + drainS + 10);
  });

  it('the drain setting is the gateway’s own default (its config schema)', () => {
    expect(readFileSync(join(root, GATEWAY_CONFIG_SOURCE), 'utf8')).toContain(
      `GATEWAY_SHUTDOWN_GRACE_S: z.coerce.number().positive().default(${gatewayShutdownGraceS(root)})`,
    );
    expect(find(rendered.dev, 'ConfigMap', 'gateway-config').data.GATEWAY_SHUTDOWN_GRACE_S).toBe(String(gatewayShutdownGraceS(root)));
    expect(PRE_STOP_SLEEP_S).toBeGreaterThan(0);
  });

  it('the gateway’s models volume is filled by an init container and mounted read-only at MODELS_DIR', () => {
    for (const overlay of OVERLAYS) {
      const objects = rendered[overlay];
      const pod = podOf(find(objects, 'Deployment', 'inference-gateway'));
      expect(pod.initContainers.map((c: any) => c.name)).toEqual(['models-init']);
      const modelsDir = find(objects, 'ConfigMap', 'gateway-config').data.MODELS_DIR;
      expect(pod.containers[0].volumeMounts).toContainEqual({ name: 'models', mountPath: modelsDir, readOnly: true });
      expect(pod.volumes).toContainEqual({ name: 'models', persistentVolumeClaim: { claimName: 'gateway-models' } });
      expect(find(objects, 'PersistentVolumeClaim', 'gateway-models')).toBeTruthy();
    }
  });

  it('replicas share files: the gateway’s registered-model store (and its registry rescan) and the image tagger’s images, on ReadWriteMany volumes (ReadWriteOnce in dev: one replica)', () => {
    for (const overlay of OVERLAYS) {
      const mode = overlay === 'dev' ? 'ReadWriteOnce' : 'ReadWriteMany';
      const objects = rendered[overlay];
      const gatewayConfig = find(objects, 'ConfigMap', 'gateway-config').data;
      expect(Number(gatewayConfig.GATEWAY_REGISTRY_RESCAN_MS)).toBeGreaterThan(0);
      const gateway = podOf(find(objects, 'Deployment', 'inference-gateway'));
      expect(gateway.containers[0].volumeMounts).toContainEqual({ name: 'model-store', mountPath: gatewayConfig.GATEWAY_MODEL_STORE });
      expect(find(objects, 'PersistentVolumeClaim', 'gateway-model-store').spec.accessModes).toEqual([mode]);
      const tagger = podOf(find(objects, 'Deployment', 'image-tagger-api'));
      const storeDir = find(objects, 'ConfigMap', 'image-tagger-api-config').data.IMAGE_STORE_DIR;
      expect(tagger.containers[0].envFrom).toContainEqual({ configMapRef: { name: 'image-tagger-api-config' } });
      expect(tagger.containers[0].volumeMounts).toContainEqual({ name: 'shared-files', mountPath: storeDir });
      expect(tagger.volumes).toContainEqual({ name: 'shared-files', persistentVolumeClaim: { claimName: 'image-tagger-images' } });
      expect(find(objects, 'PersistentVolumeClaim', 'image-tagger-images').spec.accessModes).toEqual([mode]);
    }
  });

  it('models-init fetches the archive once per version, checks its sha256, and refuses a wrong one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'k8s-models-init-'));
    const server = createServer();
    try {
      mkdirSync(join(dir, 'src', 'mobilenetv2-12-int8'), { recursive: true });
      writeFileSync(join(dir, 'src', 'mobilenetv2-12-int8', 'model.onnx'), 'weights');
      execFileSync('tar', ['-czf', join(dir, 'models.tgz'), '-C', join(dir, 'src'), '.']);
      const archive = readFileSync(join(dir, 'models.tgz'));
      const sha = createHash('sha256').update(archive).digest('hex');
      server.on('request', (_req, res) => res.end(archive));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/models.tgz`;
      const init = podOf(find(rendered.production, 'Deployment', 'inference-gateway')).initContainers[0];
      const script = (init.command[2] as string).replaceAll('/mnt/models', join(dir, 'volume')).replaceAll('/tmp/models.tgz', join(dir, 'download.tgz'));
      mkdirSync(join(dir, 'volume'));
      const run = (env: Record<string, string>) =>
        new Promise<{ code: number; out: string }>((resolve) =>
          execFile('sh', ['-c', script], { env: { ...process.env, ...env } }, (error, stdout, stderr) =>
            resolve({ code: error ? Number(error.code ?? 1) : 0, out: stdout + stderr }),
          ),
        );
      const first = await run({ MODELS_VERSION: 'v1', MODELS_ARCHIVE_URL: url, MODELS_ARCHIVE_SHA256: sha });
      expect(first).toMatchObject({ code: 0 });
      expect(readFileSync(join(dir, 'volume', 'mobilenetv2-12-int8', 'model.onnx'), 'utf8')).toBe('weights');
      expect((await run({ MODELS_VERSION: 'v1', MODELS_ARCHIVE_URL: url, MODELS_ARCHIVE_SHA256: sha })).out).toContain('already present');
      const wrong = await run({ MODELS_VERSION: 'v2', MODELS_ARCHIVE_URL: url, MODELS_ARCHIVE_SHA256: '0'.repeat(64) });
      expect(wrong.code).not.toBe(0);
      expect(existsSync(join(dir, 'volume', '.complete-v2'))).toBe(false);
    } finally {
      server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('dev: one replica each; production and remote-oip: at least two, and the gateway scaled by KEDA on its queue-depth metric', () => {
    const deployments = (overlay: string) => rendered[overlay].filter((o) => o.kind === 'Deployment' && apps.some((a) => a.name === o.metadata.name)) as any[];
    expect(deployments('dev').map((d) => d.spec.replicas)).toEqual(apps.map(() => 1));
    expect(find(rendered.dev, 'HorizontalPodAutoscaler', 'inference-gateway')).toBeUndefined();
    for (const overlay of ['production', 'remote-oip']) {
      expect(deployments(overlay).every((d) => d.spec.replicas >= 2)).toBe(true);
      expect(find(rendered[overlay], 'HorizontalPodAutoscaler', 'inference-gateway')).toBeUndefined();
      const scaled = find(rendered[overlay], 'ScaledObject', 'inference-gateway');
      expect(scaled.spec.minReplicaCount).toBeGreaterThanOrEqual(2);
      const query = scaled.spec.triggers.find((t: any) => t.type === 'prometheus').metadata.query;
      // The gauge the gateway exports (apps/inference-gateway/src/observability/gateway-metrics.ts).
      const metricName = /readonly queueDepth = this\.gauge\('(\w+)'/.exec(readFileSync(join(root, GATEWAY_METRICS_SOURCE), 'utf8'))?.[1];
      expect(metricName).toBe('gateway_queue_depth');
      expect(query).toContain(`${metricName}{`);
      expect(find(rendered[overlay], 'Secret', 'matrix-database').stringData.REDIS_URL).toMatch(/^rediss?:\/\//);
      expect(rendered[overlay].every((o) => o.kind === 'Namespace' || o.metadata.namespace === 'matrix')).toBe(true);
    }
    expect(find(rendered.production, 'Deployment', 'sentiment-api').spec.template.spec.containers[0].image).toBe(
      'registry.example.com/matrix/sentiment-api:0.1.0',
    );
  });

  it('remote-oip: the gateway reads a manifest that serves centernet-coco from a remote OIP server, all else as offline.yaml', () => {
    const objects = rendered['remote-oip'];
    const text = find(objects, 'ConfigMap', 'gateway-manifest').data['models-remote-oip.yaml'];
    const manifest = parseManifest(text, 'yaml', 'models-remote-oip.yaml');
    const remote = manifest.models.find((m) => m.id === 'centernet-coco');
    expect(remote?.runtime).toBe('remote-oip');
    expect(remote?.source).toMatchObject({ type: 'remote', url: 'http://triton:8000' });
    const offline = parse(readFileSync(join(root, 'libs/model-loading/manifests/offline.yaml'), 'utf8'));
    const ours = parse(text);
    expect(ours.models.filter((m: any) => m.id !== 'centernet-coco')).toEqual(offline.models.filter((m: any) => m.id !== 'centernet-coco'));
    const config = find(objects, 'ConfigMap', 'gateway-config').data;
    const pod = podOf(find(objects, 'Deployment', 'inference-gateway'));
    const mount = pod.containers[0].volumeMounts.find((m: any) => m.name === 'gateway-manifest');
    expect(config.MODEL_MANIFEST).toBe(`${mount.mountPath}/models-remote-oip.yaml`);
    expect(find(objects, 'Service', 'triton').spec.type).toBe('ExternalName');
  });

  it('no real secrets: every Secret value of the base is a placeholder', () => {
    const base = renderKustomization(join(root, 'deploy', 'base'));
    for (const secret of base.filter((o) => o.kind === 'Secret') as any[]) {
      for (const value of Object.values(secret.stringData) as string[]) expect(value).toContain('REPLACE');
    }
  });
});

describe('strategic merge (the Kustomize subset of tools/k8s/kustomize.ts)', () => {
  it('merges maps, named lists by name, replaces other lists, deletes with null and $patch: delete', () => {
    const target = {
      spec: {
        containers: [
          { name: 'a', image: 'x', args: ['1'] },
          { name: 'b', image: 'y' },
        ],
        keep: 1,
        drop: 2,
      },
    };
    const patch = {
      spec: {
        containers: [
          { name: 'a', args: ['2'] },
          { name: 'b', $patch: 'delete' },
          { name: 'c', image: 'z' },
        ],
        drop: null,
      },
    };
    expect(strategicMerge(target, patch)).toEqual({
      spec: {
        containers: [
          { name: 'a', image: 'x', args: ['2'] },
          { name: 'c', image: 'z' },
        ],
        keep: 1,
      },
    });
  });
});

describe('k8s-validate (schemas of kubernetes-models and @kubernetes-models/keda)', () => {
  it('every rendered object of every overlay is valid', () => {
    const { code, stdout } = cli(['validate']);
    const result = summary(stdout);
    expect(result).toEqual({ suite: 'k8s', objects: result.objects, invalid: 0 });
    expect(result.objects).toBe(OVERLAYS.reduce((sum, overlay) => sum + rendered[overlay].length, 0));
    expect(code).toBe(0);
    expect(stdout).toMatch(/^overlay\s+kind\s+name\s+valid$/m);
  });

  it('reports broken objects as invalid and exits 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'k8s-validate-'));
    try {
      const gateway = find(rendered.production, 'Deployment', 'inference-gateway');
      const stringReplicas = { ...gateway, spec: { ...gateway.spec, replicas: 'two' } };
      const noImage = strategicMerge(gateway, {
        metadata: { name: 'no-image' },
        spec: { template: { spec: { containers: [{ name: 'inference-gateway', image: null }] } } },
      });
      const badScaler = { apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', metadata: { name: 'no-target' }, spec: { triggers: [] } };
      // A misspelt field deep down, which the JSON schemas alone let through.
      const typo = strategicMerge(gateway, {
        metadata: { name: 'typo' },
        spec: { template: { spec: { containers: [{ name: 'inference-gateway', readinesProbe: { periodSeconds: 5 } }] } } },
      });
      const file = join(dir, 'broken.yaml');
      writeFileSync(file, [gateway, stringReplicas, noImage, badScaler, typo].map((o) => JSON.stringify(o)).join('\n---\n'));
      const { code, stdout } = cli(['validate', '--file', file]);
      expect(summary(stdout)).toEqual({ suite: 'k8s', objects: 5, invalid: 4 });
      expect(stdout).toContain(`'"readinesProbe"' does not exist in type 'IContainer'`);
      expect(stdout).toContain('spec/replicas must be integer');
      expect(stdout).toContain('image: Required value');
      expect(stdout).toContain('scaleTargetRef');
      expect(code).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
