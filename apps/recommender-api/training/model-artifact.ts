import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { workspaceRoot } from '@matrix/paths';
import type { BiasedMfModel } from './biased-mf';
import type { ItemNeighbours } from './item-knn';
import { rankerLayersFiles, transposeFactors } from './ranker-layers-model';
import type { TrainedRecommender } from './train-recommender';

export type RankerKind = 'ease' | 'bpr';

/** manifest.json of a version folder: everything but the matrices. */
export interface ArtifactManifest {
  version: string;
  createdAt: string;
  ranker: RankerKind;
  /** Width of the ranker's query vector: items (EASE) or factors (BPR). */
  rankerInputWidth: number;
  userIds: string[];
  itemIds: string[];
  popularity: number[];
  counts: TrainedRecommender['counts'];
  seconds: Record<string, number>;
  metrics: Record<string, number>;
  params: Record<string, unknown>;
  mf: { factors: number; globalMean: number; minRating: number; maxRating: number } | null;
  bprFactors: number;
  /** Gateway model and dimensions of the item content embeddings, when they were computed. */
  content: { model: string; version: string; dimensions: number } | null;
}

/** A loaded version: what the API keeps in memory to serve (the ranker matrix stays in the gateway). */
export interface LoadedArtifact {
  manifest: ArtifactManifest;
  knn: ItemNeighbours;
  mf: BiasedMfModel | null;
  /** BPR user factors (users × k): the query vectors when the ranker is BPR. */
  bprUserFactors: Float32Array | null;
  /** Item content embeddings (items × dimensions), L2-normalised, or null. */
  content: Float32Array | null;
  /** The gateway model files (model.json, weights.bin). */
  rankerFiles: () => Record<string, Buffer>;
}

/** Where versions live: env RECOMMENDER_MODEL_DIR (absolute, or relative to the workspace), default tmp/recommender-models. */
export function recommenderModelDir(env: NodeJS.ProcessEnv = process.env): string {
  const override = env.RECOMMENDER_MODEL_DIR?.trim();
  if (override) return isAbsolute(override) ? override : resolve(workspaceRoot(), override);
  return join(workspaceRoot(), 'tmp', 'recommender-models');
}

/** A sortable, readable version: 2026-11-26T09-41-07-123Z. */
export function newVersion(now = new Date()): string {
  return now.toISOString().replace(/[:.]/g, '-');
}

const f32 = (bytes: Buffer) => new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
const bytesOf = (array: Float32Array) => Buffer.from(array.buffer, array.byteOffset, array.byteLength);

export interface WriteArtifactInput {
  trained: TrainedRecommender;
  version?: string;
  metrics?: Record<string, number>;
  params?: Record<string, unknown>;
  content?: { model: string; version: string; dimensions: number; embeddings: Float32Array } | null;
}

/**
 * Writes a version folder (staged, then renamed, so a reader never sees half a version):
 * manifest.json, ranker/{model.json,weights.bin}, knn.json, mf.bin, bpr-users.bin, content.bin.
 */
export async function writeArtifact(dir: string, input: WriteArtifactInput): Promise<ArtifactManifest> {
  const { trained } = input;
  const version = input.version ?? newVersion();
  const items = trained.itemIds.length;
  const ranker: RankerKind = trained.ease ? 'ease' : 'bpr';
  const bpr = trained.bpr;
  const k = bpr?.factors ?? 0;
  if (!trained.ease && !bpr) throw new Error('nothing to serve: neither EASE nor BPR was trained');
  const rankerFiles = trained.ease
    ? await rankerLayersFiles(trained.ease, items, items)
    : await rankerLayersFiles(transposeFactors(bpr!.itemFactors, items, k), k, items, bpr!.itemBias);
  const manifest: ArtifactManifest = {
    version,
    createdAt: new Date().toISOString(),
    ranker,
    rankerInputWidth: trained.ease ? items : k,
    userIds: trained.userIds,
    itemIds: trained.itemIds,
    popularity: Array.from(trained.popularity),
    counts: trained.counts,
    seconds: trained.seconds,
    metrics: input.metrics ?? {},
    params: input.params ?? {},
    mf: trained.mf ? { factors: trained.mf.factors, globalMean: trained.mf.globalMean, minRating: trained.mf.minRating, maxRating: trained.mf.maxRating } : null,
    bprFactors: k,
    content: input.content ? { model: input.content.model, version: input.content.version, dimensions: input.content.dimensions } : null,
  };
  const staging = join(dir, `.staging-${version}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(join(staging, 'ranker'), { recursive: true });
  for (const [name, bytes] of Object.entries(rankerFiles)) writeFileSync(join(staging, 'ranker', name), bytes);
  writeFileSync(join(staging, 'knn.json'), JSON.stringify(trained.knn.neighbours));
  if (trained.mf) {
    const { userFactors, itemFactors, userBias, itemBias } = trained.mf;
    writeFileSync(join(staging, 'mf.bin'), Buffer.concat([userFactors, itemFactors, userBias, itemBias].map(bytesOf)));
  }
  if (bpr) writeFileSync(join(staging, 'bpr-users.bin'), bytesOf(bpr.userFactors));
  if (input.content) writeFileSync(join(staging, 'content.bin'), bytesOf(input.content.embeddings));
  writeFileSync(join(staging, 'manifest.json'), JSON.stringify(manifest));
  rmSync(join(dir, version), { recursive: true, force: true });
  renameSync(staging, join(dir, version));
  return manifest;
}

/** Version folders, newest first. */
export function listVersions(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.') && existsSync(join(dir, e.name, 'manifest.json')))
    .map((e) => e.name)
    .sort()
    .reverse();
}

export function loadArtifact(dir: string, version: string): LoadedArtifact {
  const root = join(dir, version);
  if (!existsSync(join(root, 'manifest.json'))) throw new Error(`no model version ${version} under ${dir} (train one: npx nx run recommender-api:train)`);
  const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8')) as ArtifactManifest;
  const users = manifest.userIds.length;
  const items = manifest.itemIds.length;
  let mf: BiasedMfModel | null = null;
  if (manifest.mf) {
    const all = f32(readFileSync(join(root, 'mf.bin')));
    const k = manifest.mf.factors;
    let at = 0;
    const take = (n: number) => all.subarray(at, (at += n));
    mf = { ...manifest.mf, userFactors: take(users * k), itemFactors: take(items * k), userBias: take(users), itemBias: take(items) };
  }
  return {
    manifest,
    knn: { neighbours: JSON.parse(readFileSync(join(root, 'knn.json'), 'utf8')) as Array<Array<[number, number]>> },
    mf,
    bprUserFactors: manifest.bprFactors ? f32(readFileSync(join(root, 'bpr-users.bin'))) : null,
    content: manifest.content ? f32(readFileSync(join(root, 'content.bin'))) : null,
    rankerFiles: () => ({ 'model.json': readFileSync(join(root, 'ranker', 'model.json')), 'weights.bin': readFileSync(join(root, 'ranker', 'weights.bin')) }),
  };
}
