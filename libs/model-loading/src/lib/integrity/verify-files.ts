import { stat } from 'node:fs/promises';
import { ChecksumMismatchError, ModelFileMissingError } from '../errors';
import type { ResolvedModel } from '../resolution/resolve-model';
import { sha256File } from './sha256-file';

export interface FileVerification {
  path: string;
  /** Bytes on disk. */
  size: number;
  /** Present when the manifest gave a checksum (and it matched). */
  sha256?: string;
}

/**
 * Checks every resolved file that has a manifest checksum; throws on the first mismatch.
 * Hashes are remembered per (path, size, mtime) so an unload/load cycle does not re-read the weights.
 */
export async function verifyModelFiles(resolved: ResolvedModel): Promise<FileVerification[]> {
  const results: FileVerification[] = [];
  for (const file of resolved.files) {
    const info = await stat(file.absolutePath).catch(() => undefined);
    if (!info) throw new ModelFileMissingError(resolved.modelId, file.path, [file.absolutePath]);
    if (!file.sha256) {
      results.push({ path: file.path, size: info.size });
      continue;
    }
    const key = `${file.absolutePath}:${info.size}:${info.mtimeMs}`;
    const actual = hashCache.get(key) ?? (await sha256File(file.absolutePath));
    hashCache.set(key, actual);
    if (actual !== file.sha256.toLowerCase()) throw new ChecksumMismatchError(file.absolutePath, file.sha256.toLowerCase(), actual);
    results.push({ path: file.path, size: info.size, sha256: actual });
  }
  return results;
}

const hashCache = new Map<string, string>();
