import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';

/**
 * The subset of Kustomize that deploy/ uses, rendered in plain TypeScript (no kubectl or kustomize binary here).
 * `kubectl apply -k deploy/overlays/<name>` renders the same objects on a machine that has kubectl: every field
 * read below has Kustomize's meaning, and anything else in a kustomization.yaml is refused rather than ignored.
 *
 *   resources:           YAML files (several documents each) or folders holding a kustomization.yaml
 *   patches: [{path}]    strategic-merge patches, matched to their object by apiVersion + kind + metadata.name
 *   replicas:            [{name, count}] on Deployments
 *   images:              [{name, newName?, newTag?}] on every container and init container
 *   namespace:           set on every namespaced object
 *   configMapGenerator:  [{name, files}] with options.disableNameSuffixHash: true (a key per file, named by its file)
 *
 * Strategic merge (the parts of it the patches use): maps merge key by key, `null` removes a key, a list whose
 * items all carry `name` merges item by item on `name` (containers, env, volumes, volumeMounts, ports…), any other
 * list is replaced; `$patch: delete` on an object removes that object, on a named list item removes that item.
 */

export type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; [key: string]: unknown };
  [key: string]: unknown;
};

const KNOWN_FIELDS = new Set(['apiVersion', 'kind', 'resources', 'patches', 'replicas', 'images', 'namespace', 'configMapGenerator']);
const CLUSTER_SCOPED = new Set(['Namespace', 'PersistentVolume', 'StorageClass', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition']);

type Json = unknown;
type Dict = Record<string, Json>;
const isDict = (value: Json): value is Dict => typeof value === 'object' && value !== null && !Array.isArray(value);

export function objectId(object: Pick<K8sObject, 'apiVersion' | 'kind' | 'metadata'>): string {
  return `${object.apiVersion} ${object.kind} ${object.metadata?.name}`;
}

/** YAML documents of a file, empty documents dropped. */
export function readYamlDocuments(file: string): Dict[] {
  return parseAllDocuments(readFileSync(file, 'utf8'))
    .map((doc) => {
      if (doc.errors.length) throw new Error(`${file}: ${doc.errors[0].message}`);
      return doc.toJS() as Json;
    })
    .filter((doc): doc is Dict => isDict(doc));
}

/** Strategic merge of `patch` into `target` (new object; neither input changes). */
export function strategicMerge(target: Json, patch: Json): Json {
  if (!isDict(patch)) return structuredClone(patch);
  const out: Dict = isDict(target) ? structuredClone(target) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (key === '$patch') continue;
    if (value === null) delete out[key];
    else if (Array.isArray(value) && Array.isArray(out[key]) && isNamedList(value) && isNamedList(out[key] as Json[]))
      out[key] = mergeNamedList(out[key] as Dict[], value as Dict[]);
    else if (Array.isArray(value)) out[key] = value.filter((item) => !(isDict(item) && item.$patch === 'delete')).map((item) => structuredClone(item));
    else if (isDict(value)) out[key] = strategicMerge(out[key], value);
    else out[key] = value;
  }
  return out;
}

function isNamedList(list: Json[]): boolean {
  return list.length > 0 && list.every((item) => isDict(item) && typeof item.name === 'string');
}

function mergeNamedList(target: Dict[], patch: Dict[]): Dict[] {
  const out = target.map((item) => structuredClone(item));
  for (const item of patch) {
    const at = out.findIndex((existing) => existing.name === item.name);
    if (item.$patch === 'delete') {
      if (at >= 0) out.splice(at, 1);
    } else if (at >= 0) out[at] = strategicMerge(out[at], item) as Dict;
    else out.push(strategicMerge({}, item) as Dict);
  }
  return out;
}

function asObject(doc: Dict, where: string): K8sObject {
  const meta = doc.metadata;
  if (typeof doc.apiVersion !== 'string' || typeof doc.kind !== 'string' || !isDict(meta) || typeof meta.name !== 'string') {
    throw new Error(`${where}: every document needs apiVersion, kind and metadata.name`);
  }
  return doc as K8sObject;
}

function containersOf(object: K8sObject): Dict[] {
  const spec = object.spec as Dict | undefined;
  const pod = (object.kind === 'Job' ? (spec?.template as Dict)?.spec : object.kind === 'Pod' ? spec : (spec?.template as Dict)?.spec) as Dict | undefined;
  if (!pod) return [];
  return [...((pod.initContainers as Dict[]) ?? []), ...((pod.containers as Dict[]) ?? [])];
}

/** Splits `repo/name:tag` (or `@digest`) into name and the rest. */
function imageName(image: string): [string, string] {
  const at = image.indexOf('@');
  if (at >= 0) return [image.slice(0, at), image.slice(at)];
  const colon = image.lastIndexOf(':');
  return colon > image.lastIndexOf('/') ? [image.slice(0, colon), image.slice(colon)] : [image, ''];
}

/** Renders the kustomization in `dir` (a folder holding kustomization.yaml) to its objects, in order. */
export function renderKustomization(dir: string): K8sObject[] {
  const file = join(dir, 'kustomization.yaml');
  if (!existsSync(file)) throw new Error(`${dir}: no kustomization.yaml`);
  const [k] = readYamlDocuments(file);
  for (const key of Object.keys(k))
    if (!KNOWN_FIELDS.has(key)) throw new Error(`${file}: "${key}" is not part of the Kustomize subset tools/k8s/kustomize.ts renders`);

  let objects: K8sObject[] = [];
  for (const entry of (k.resources as string[]) ?? []) {
    const path = resolve(dir, entry);
    if (statSync(path).isDirectory()) objects.push(...renderKustomization(path));
    else objects.push(...readYamlDocuments(path).map((doc) => asObject(doc, path)));
  }
  for (const generator of (k.configMapGenerator as Dict[]) ?? []) {
    if ((generator.options as Dict | undefined)?.disableNameSuffixHash !== true) {
      throw new Error(`${file}: configMapGenerator ${generator.name} needs options.disableNameSuffixHash: true (names stay as written)`);
    }
    const data = Object.fromEntries(((generator.files as string[]) ?? []).map((f) => [basename(f), readFileSync(resolve(dir, f), 'utf8')]));
    objects.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: String(generator.name) }, data });
  }
  const seen = new Set<string>();
  for (const object of objects) {
    if (seen.has(objectId(object))) throw new Error(`${dir}: ${objectId(object)} is defined twice`);
    seen.add(objectId(object));
  }

  for (const entry of (k.patches as Dict[]) ?? []) {
    if (typeof entry.path !== 'string' || entry.target !== undefined)
      throw new Error(`${file}: patches take {path} (strategic merge, matched by kind and name)`);
    for (const patch of readYamlDocuments(resolve(dir, entry.path))) {
      const id = objectId(asObject(patch, entry.path));
      const at = objects.findIndex((object) => objectId(object) === id);
      if (at < 0) throw new Error(`${resolve(dir, entry.path)}: patch for ${id}, which no resource defines`);
      if (patch.$patch === 'delete') objects.splice(at, 1);
      else objects[at] = strategicMerge(objects[at], patch) as K8sObject;
    }
  }

  for (const { name, count } of (k.replicas as { name: string; count: number }[]) ?? []) {
    const targets = objects.filter((object) => object.kind === 'Deployment' && object.metadata.name === name);
    if (!targets.length) throw new Error(`${file}: replicas for ${name}, which is no Deployment`);
    for (const target of targets) (target.spec as Dict).replicas = count;
  }

  for (const { name, newName, newTag } of (k.images as { name: string; newName?: string; newTag?: string }[]) ?? []) {
    for (const container of objects.flatMap(containersOf)) {
      const [current, rest] = imageName(String(container.image ?? ''));
      if (current !== name) continue;
      container.image = `${newName ?? current}${newTag !== undefined ? `:${newTag}` : rest}`;
    }
  }

  if (typeof k.namespace === 'string') {
    objects = objects.map((object) =>
      CLUSTER_SCOPED.has(object.kind) ? object : { ...object, metadata: { ...object.metadata, namespace: k.namespace as string } },
    );
  }
  return objects;
}

/** Objects as one multi-document YAML stream (what `kubectl kustomize` prints). */
export function toYaml(objects: K8sObject[]): string {
  return objects.map((object) => stringify(object, { lineWidth: 0, aliasDuplicateObjects: false })).join('---\n');
}
