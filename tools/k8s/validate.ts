import type { K8sObject } from './kustomize';
import { unknownFieldErrors } from './strict-fields';

/**
 * Schema check of rendered objects without a cluster (what kubeconform does): each object is validated against the
 * JSON schema of its apiVersion + kind from `kubernetes-models` (generated from Kubernetes' official OpenAPI spec)
 * or `@kubernetes-models/keda` (KEDA's CRDs), plus the few API-server rules a schema cannot state (a container
 * needs an image; names are DNS-1123; a Deployment's selector matches its pod labels).
 *
 * The packages are ES modules; this file loads them with import(), so run it under plain node (the CLI), not Jest.
 */

export interface Verdict {
  object: K8sObject;
  valid: boolean;
  errors: string[];
}

/** apiVersion + kind → the module that models it. */
export function modulePath(apiVersion: string, kind: string): string {
  if (/^[a-z0-9.-]*keda\.sh\//.test(apiVersion)) return `@kubernetes-models/keda/${apiVersion}/${kind}`;
  return `kubernetes-models/${apiVersion}/${kind}`;
}

/**
 * A real import(): the TypeScript compilers here (swc-node, @swc/jest) turn `import()` into require(), which the
 * packages' exports (an "import" condition only) refuse.
 */
const importModule = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

type Model = new (data: unknown) => { validate(): void };
const models = new Map<string, Model | null>();

async function modelOf(apiVersion: string, kind: string): Promise<Model | null> {
  const path = modulePath(apiVersion, kind);
  if (!models.has(path)) {
    try {
      const loaded = (await importModule(path)) as Record<string, Model>;
      models.set(path, loaded[kind] ?? null);
    } catch {
      models.set(path, null);
    }
  }
  return models.get(path) ?? null;
}

const DNS_1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function podSpecOf(object: K8sObject): Record<string, unknown> | undefined {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any pod-bearing kind
  const spec = object.spec as Record<string, any> | undefined;
  if (!spec) return undefined;
  if (object.kind === 'Pod') return spec;
  if (object.kind === 'CronJob') return spec.jobTemplate?.spec?.template?.spec;
  return spec.template?.spec;
}

/** API-server validation the OpenAPI schema leaves out (the schema marks these optional for partial updates). */
function serverRules(object: K8sObject): string[] {
  const errors: string[] = [];
  const name = object.metadata?.name;
  if (typeof name !== 'string' || name.length > 253 || !DNS_1123_SUBDOMAIN.test(name)) errors.push(`metadata.name "${name}" is not a DNS-1123 name`);
  const pod = podSpecOf(object) as { containers?: unknown; initContainers?: unknown } | undefined;
  if (pod) {
    const containers = Array.isArray(pod.containers) ? pod.containers : [];
    if (!containers.length) errors.push('the pod template has no containers');
    const all = [...(Array.isArray(pod.initContainers) ? pod.initContainers : []), ...containers] as Record<string, unknown>[];
    for (const container of all)
      if (typeof container?.image !== 'string' || !container.image.trim()) errors.push(`container "${container?.name}": image: Required value`);
  }
  if (object.kind === 'Deployment') {
    const spec = object.spec as
      | { selector?: { matchLabels?: Record<string, string> }; template?: { metadata?: { labels?: Record<string, string> } } }
      | undefined;
    const selector = spec?.selector?.matchLabels ?? {};
    const labels = spec?.template?.metadata?.labels ?? {};
    for (const [key, value] of Object.entries(selector))
      if (labels[key] !== value) errors.push(`spec.selector ${key}=${value} does not match the pod template's labels`);
  }
  return errors;
}

/** Validates objects: each kind's schema, the server rules, then unknown fields over all of them at once. */
export async function validateObjects(objects: K8sObject[], root: string): Promise<Verdict[]> {
  const verdicts = await Promise.all(objects.map((object) => validateObject(object)));
  const typed = verdicts.map((verdict, index) => ({ verdict, index })).filter(({ verdict }) => !verdict.errors.some((e) => e.startsWith('no schema for')));
  const unknown = unknownFieldErrors(
    typed.map(({ verdict }) => verdict.object),
    modulePath,
    root,
  );
  for (const [at, errors] of unknown) {
    const { verdict } = typed[at];
    verdict.errors.push(...errors.map((error) => `fields: ${error}`));
    verdict.valid = false;
  }
  return verdicts;
}

/** Validates one object: its kind's schema, then the server rules. */
export async function validateObject(object: K8sObject): Promise<Verdict> {
  const errors: string[] = [];
  const Model = await modelOf(String(object.apiVersion), String(object.kind));
  if (!Model) errors.push(`no schema for ${object.apiVersion} ${object.kind}`);
  else {
    try {
      new Model(structuredClone(object)).validate();
    } catch (error) {
      errors.push(...String((error as Error).message).split(/,\s*(?=data)/));
    }
  }
  errors.push(...serverRules(object));
  return { object, valid: errors.length === 0, errors };
}
