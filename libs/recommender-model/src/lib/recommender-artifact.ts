import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { workspaceRoot } from '@matrix/paths';
import type { BiasedMfModel } from './biased-mf-model';
import type { ItemNeighbours } from './item-neighbours';
import type { TrainedRecommender } from './trained-recommender';

/**
 * A trained recommender version is a folder `<dir>/<version>/`: manifest.json (everything but the
 * matrices), ranker/{model.json,weights.bin} (the gateway's item-ranking model), knn.json, and
 * float32 matrices mf.bin (user factors, item factors, user biases, item biases), bpr-users.bin and
 * content.bin. Training writes it (writeVersionFolder), the API loads it (loadArtifact).
 */

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

/** Everything a version folder holds, as training produced it. */
export interface VersionFolder {
  manifest: ArtifactManifest;
  /** The gateway's ranker files (model.json, weights.bin). */
  rankerFiles: Record<string, Buffer>;
  knn: ItemNeighbours;
  mf: BiasedMfModel | null;
  bprUserFactors: Float32Array | null;
  /** items × dimensions, L2-normalised, or null. */
  content: Float32Array | null;
}

/** Writes a version folder (staged, then renamed, so a reader never sees half a version). */
export function writeVersionFolder(dir: string, folder: VersionFolder): void {
  const { version } = folder.manifest;
  const staging = join(dir, `.staging-${version}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(join(staging, 'ranker'), { recursive: true });
  for (const [name, bytes] of Object.entries(folder.rankerFiles)) writeFileSync(join(staging, 'ranker', name), bytes);
  writeFileSync(join(staging, 'knn.json'), JSON.stringify(folder.knn.neighbours));
  if (folder.mf) {
    const { userFactors, itemFactors, userBias, itemBias } = folder.mf;
    writeFileSync(join(staging, 'mf.bin'), Buffer.concat([userFactors, itemFactors, userBias, itemBias].map(bytesOf)));
  }
  if (folder.bprUserFactors) writeFileSync(join(staging, 'bpr-users.bin'), bytesOf(folder.bprUserFactors));
  if (folder.content) writeFileSync(join(staging, 'content.bin'), bytesOf(folder.content));
  writeFileSync(join(staging, 'manifest.json'), JSON.stringify(folder.manifest));
  rmSync(join(dir, version), { recursive: true, force: true });
  renameSync(staging, join(dir, version));
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
