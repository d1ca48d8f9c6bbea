import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ModelEntry, modelEntrySchema } from '@matrix/model-loading';
import { z } from 'zod';
import { modelRef, storePath } from './model-ref';
import { insideStore } from './model-registration';

/** Folder of the registry records inside the model store; model ids never start with ".", so no model's files land there. */
export const REGISTRY_FOLDER = '.registry';

/**
 * One registration in the shared registry: `<store>/.registry/<id>/<version>.json`, written to a
 * temporary file and renamed over the old record, so a replica reads the previous record or the new
 * one, never half of one. `revision` changes on every write (a replica applies a record once per
 * revision); `checksum` covers the entry and every file (sha256), and the files lie in a folder named
 * after it, so a replacement never rewrites files another replica may be reading.
 */
export const registryRecordSchema = z.object({
  schema: z.literal(1),
  id: z.string(),
  version: z.string(),
  revision: z.string().min(1),
  /** When this id@version was first registered (kept across replacements: it orders versions the same way on every replica). */
  firstRegisteredAt: z.number(),
  registeredAt: z.number(),
  checksum: z.string().regex(/^[0-9a-f]{64}$/),
  files: z.array(z.object({ path: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/) })),
  /** 'unloaded': an admin unloaded it; every replica frees it, and the next request loads it again on demand. */
  state: z.enum(['loaded', 'unloaded']),
  entry: z.record(z.string(), z.unknown()),
});
export type RegistryRecord = z.infer<typeof registryRecordSchema>;

export interface HashedFile {
  path: string;
  bytes: Buffer;
  sha256: string;
}

export const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

/** The checksum of a registration: its config (without the store path) and each file's path and hash. */
export function registrationChecksum(config: Record<string, unknown>, files: Array<{ path: string; sha256: string }>): string {
  const sorted = [...files].sort((a, b) => a.path.localeCompare(b.path)).map((f) => [f.path, f.sha256]);
  return sha256(JSON.stringify({ config: canonical(config), files: sorted }));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as object)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

export const newRevision = () => `${Date.now().toString(36)}-${process.pid.toString(36)}-${randomBytes(6).toString('hex')}`;

/** Reads and writes registry records in the (shared) model store. */
export class SharedModelRegistry {
  constructor(private readonly storeDir: string) {}

  private recordPath(id: string, version: string): string {
    return storePath(this.storeDir, REGISTRY_FOLDER, id, `${version}.json`);
  }

  async read(id: string, version: string): Promise<RegistryRecord | undefined> {
    try {
      return registryRecordSchema.parse(JSON.parse(await readFile(this.recordPath(id, version), 'utf8')));
    } catch {
      return undefined;
    }
  }

  /** Atomic write: temp file beside the record, then rename. */
  async write(record: RegistryRecord): Promise<void> {
    const path = this.recordPath(record.id, record.version);
    await mkdir(join(path, '..'), { recursive: true });
    const temp = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
    await writeFile(temp, JSON.stringify(record, null, 2));
    await rename(temp, path);
  }

  /**
   * Every valid record, oldest registration first. A record that fails validation (schema, id/version,
   * entry, a source outside the store) is skipped and reported through `onInvalid`: the shared volume
   * is trusted no more than an HTTP registration is.
   */
  async list(onInvalid: (file: string, reason: string) => void): Promise<Array<{ record: RegistryRecord; entry: ModelEntry }>> {
    const root = join(this.storeDir, REGISTRY_FOLDER);
    let ids: string[];
    try {
      ids = await readdir(root);
    } catch {
      return [];
    }
    const out: Array<{ record: RegistryRecord; entry: ModelEntry }> = [];
    for (const id of ids) {
      let files: string[];
      try {
        files = (await readdir(join(root, id))).filter((f) => f.endsWith('.json'));
      } catch {
        continue;
      }
      for (const file of files) {
        const where = `${id}/${file}`;
        try {
          const record = registryRecordSchema.parse(JSON.parse(await readFile(join(root, id, file), 'utf8')));
          const ref = modelRef(record.id, record.version);
          if (ref.id !== id || `${ref.version}.json` !== file) throw new Error('the record names another model');
          const entry = modelEntrySchema.parse(record.entry);
          if (entry.id !== record.id || entry.version !== record.version) throw new Error('the entry names another model');
          if (entry.source.type === 'path' && !insideStore(this.storeDir, entry.source.path)) throw new Error('source.path lies outside the model store');
          out.push({ record, entry });
        } catch (error) {
          onInvalid(where, (error as Error).message);
        }
      }
    }
    return out.sort((a, b) => a.record.firstRegisteredAt - b.record.firstRegisteredAt || a.record.version.localeCompare(b.record.version));
  }

  /** Whether the files on disk are those the record names (a shared volume may still be syncing, or was tampered with). */
  async verifyFiles(record: RegistryRecord, entry: ModelEntry): Promise<string | undefined> {
    if (!record.files.length || entry.source.type !== 'path') return undefined;
    for (const file of record.files) {
      try {
        const actual = sha256(await readFile(storePath(entry.source.path, file.path)));
        if (actual !== file.sha256) return `file ${file.path} does not match the registry checksum`;
      } catch (error) {
        return `file ${file.path} cannot be read: ${(error as Error).message}`;
      }
    }
    return undefined;
  }

  /** Removes the file folders of `<id>/<version>` other than those still named by `keep` (the current and the previous record). */
  async removeOldFolders(id: string, version: string, keep: string[]): Promise<void> {
    const dir = storePath(this.storeDir, id, version);
    let names: string[];
    try {
      names = await readdir(dir);
    } catch {
      return;
    }
    for (const name of names) {
      if (!/^r-[0-9a-f]{16}$/.test(name) || keep.includes(name)) continue;
      await rm(storePath(dir, name), { recursive: true, force: true });
    }
  }
}
