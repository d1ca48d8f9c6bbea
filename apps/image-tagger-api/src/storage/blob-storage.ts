import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Readable } from 'node:stream';
import { pathInside } from '@matrix/paths';

/** No blob under that key (never written, or deleted — possibly by another replica). */
export class BlobNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`no blob '${key}' in the image storage`);
    this.name = 'BlobNotFoundError';
  }
}

/**
 * Where the image tagger keeps file bytes (originals, thumbnails), by key (`originals/ab/abcd….jpeg`).
 * Every API replica must see the same storage: a file written through one replica is read and
 * deleted through any other. The filesystem driver does that on a shared volume (a ReadWriteMany
 * PVC, NFS); an object-store driver (S3-compatible) would implement the same five calls.
 */
export interface BlobStorage {
  /** Writes the whole blob atomically: a reader sees the old bytes or the new ones, never a part. */
  put(key: string, bytes: Buffer): Promise<void>;
  /** The bytes; BlobNotFoundError when absent. */
  get(key: string): Promise<Buffer>;
  /** A stream of the bytes (opened before it is returned, so absence is a BlobNotFoundError here, not a stream error later). */
  stream(key: string): Promise<Readable>;
  exists(key: string): Promise<boolean>;
  /** Removes the blob; false when it was not there. */
  delete(key: string): Promise<boolean>;
  /** For logs: e.g. "filesystem /mnt/images". */
  describe(): string;
}

const KEY = /^[a-z0-9][a-z0-9._-]*(\/[a-z0-9][a-z0-9._-]*)*$/i;

/** The filesystem driver: one folder (IMAGE_STORE_DIR), local on one machine or a shared volume mounted by every replica. */
export class FilesystemBlobStorage implements BlobStorage {
  /** Folders this process made or found (at most 2 × 256 prefixes): an upload skips a mkdir per file. */
  private readonly folders = new Set<string>();

  constructor(readonly root: string) {}

  private path(key: string): string {
    if (!KEY.test(key) || key.split('/').some((segment) => segment === '..' || segment.endsWith('.tmp'))) throw new Error(`invalid storage key '${key}'`);
    return pathInside(this.root, ...key.split('/'));
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const path = this.path(key);
    const folder = dirname(path);
    if (!this.folders.has(folder)) {
      await mkdir(folder, { recursive: true });
      this.folders.add(folder);
    }
    // The temporary name is unique per writer: two replicas writing the same key never share one.
    const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await writeFile(temporary, bytes).catch(async (error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
        // The folder went away since (removed by hand, the store wiped): make it again.
        await mkdir(folder, { recursive: true });
        await writeFile(temporary, bytes);
      });
      await rename(temporary, path);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<Buffer> {
    return readFile(this.path(key)).catch((error: NodeJS.ErrnoException) => {
      throw error.code === 'ENOENT' ? new BlobNotFoundError(key) : error;
    });
  }

  async stream(key: string): Promise<Readable> {
    const handle = await open(this.path(key), 'r').catch((error: NodeJS.ErrnoException) => {
      throw error.code === 'ENOENT' ? new BlobNotFoundError(key) : error;
    });
    return handle.createReadStream();
  }

  async exists(key: string): Promise<boolean> {
    return stat(this.path(key)).then(
      (s) => s.isFile(),
      () => false,
    );
  }

  async delete(key: string): Promise<boolean> {
    const path = this.path(key);
    const there = await this.exists(key);
    await rm(path, { force: true });
    return there;
  }

  describe(): string {
    return `filesystem ${this.root}`;
  }
}
