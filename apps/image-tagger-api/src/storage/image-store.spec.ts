import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import type { ImageTaggerConfig } from '../config/image-tagger-config';
import { BlobNotFoundError, FilesystemBlobStorage } from './blob-storage';
import { ImageStore } from './image-store';

const streamed = async (stream: AsyncIterable<Buffer>) => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
};

describe('image storage shared by replicas (filesystem driver on one folder)', () => {
  let dir: string;
  // Two API replicas: two stores over the same IMAGE_STORE_DIR (a shared volume).
  let a: ImageStore;
  let b: ImageStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'image-storage-'));
    const config = { storeDir: dir, thumbnailPx: 64 } as ImageTaggerConfig;
    a = new ImageStore(config);
    b = new ImageStore(config);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const sha = 'ab'.repeat(32);

  it('replica B reads (and streams) the original and thumbnail replica A wrote', async () => {
    await a.save(Buffer.from('original bytes'), sha, 'png', Buffer.from('thumb bytes'));
    expect((await b.readOriginal(sha, 'png')).toString()).toBe('original bytes');
    expect((await streamed(await b.streamOriginal(sha, 'png'))).toString()).toBe('original bytes');
    expect((await b.readThumbnail(sha, 'png')).toString()).toBe('thumb bytes');
    expect(await b.exists(sha, 'png')).toBe(true);
    // Atomic writes leave no temporary files behind.
    expect(readdirSync(join(dir, 'originals', 'ab'))).toEqual([`${sha}.png`]);
  });

  it('a delete on B removes the files for A too', async () => {
    await a.save(Buffer.from('original bytes'), sha, 'png', Buffer.from('thumb bytes'));
    await b.remove(sha, 'png');
    expect(existsSync(a.originalPath(sha, 'png'))).toBe(false);
    expect(existsSync(a.thumbnailPath(sha))).toBe(false);
    expect(await a.exists(sha, 'png')).toBe(false);
    await expect(a.readOriginal(sha, 'png')).rejects.toBeInstanceOf(BlobNotFoundError);
    await expect(a.streamOriginal(sha, 'png')).rejects.toBeInstanceOf(BlobNotFoundError);
  });

  it('an upload stores no thumbnail; the first view makes it from the original and keeps it, for every replica', async () => {
    const png = await sharp({ create: { width: 200, height: 100, channels: 3, background: '#3366cc' } })
      .png()
      .toBuffer();
    await a.save(png, sha, 'png');
    expect(existsSync(a.thumbnailPath(sha))).toBe(false);
    const thumbnail = await b.readThumbnail(sha, 'png');
    expect(await sharp(thumbnail).metadata()).toMatchObject({ format: 'jpeg', width: 64, height: 32 });
    expect(readFileSync(a.thumbnailPath(sha)).equals(thumbnail)).toBe(true);
  });

  it('writes again into a folder removed since this process made it', async () => {
    await a.save(Buffer.from('first'), sha, 'png');
    rmSync(join(dir, 'originals'), { recursive: true });
    await a.save(Buffer.from('second'), sha, 'png');
    expect((await b.readOriginal(sha, 'png')).toString()).toBe('second');
  });

  it('refuses keys that would leave the storage folder', async () => {
    const storage = new FilesystemBlobStorage(dir);
    for (const key of ['../x', 'a/../../x', '/etc/passwd', 'a//b', '']) await expect(storage.put(key, Buffer.from('x'))).rejects.toThrow(/invalid storage key/);
    expect(await storage.delete('originals/none')).toBe(false);
  });
});
