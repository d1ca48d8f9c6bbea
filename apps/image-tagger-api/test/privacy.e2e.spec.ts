import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@matrix/db';
import { ProductRetention } from '@matrix/product-server';
import { ImageStore } from '../src/storage/image-store';
import type { ImageFormat } from '../src/storage/image-type';
import { call, startApi, type RunningApi } from './support/harness';

// Privacy of the image tagger (issue 14), over real HTTP on a real (SQLite) database and image store; no model is
// needed (the gateway is unreachable, so the images are stored here as an upload would store them, untagged): an admin erases one image and its row, tags and files
// are gone; the retention run deletes only images older than IMAGE_TAGGER_RETENTION_DAYS, with their files.

const DAY = 24 * 60 * 60 * 1000;

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('image-tagger-api privacy: image erasure and retention', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let store: string;
  const url = (path: string) => `${api.url}${path}`;

  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    store = mkdtempSync(join(tmpdir(), 'image-tagger-privacy-'));
    api = await startApi({
      IMAGE_TAGGER_DATABASE_URL: db.url,
      GATEWAY_URL: `http://127.0.0.1:${await closedPort()}`,
      IMAGE_STORE_DIR: store,
      IMAGE_TAGGER_RETENTION_DAYS: '30',
    });
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    await db?.drop();
    if (store) rmSync(store, { recursive: true, force: true });
  });

  /** An image as an upload stores it: its row (pending) and its original and thumbnail files. */
  const storeImage = async (name: string, createdAt = new Date()): Promise<string> => {
    const sha256 = createHash('sha256').update(name).digest('hex');
    await api.app.get(ImageStore).save(Buffer.from(`bytes of ${name}`), sha256, 'jpeg', Buffer.from(`thumbnail of ${name}`));
    const row = await db.client.imageTaggerImage.create({ data: { sha256, filename: name, format: 'jpeg', width: 10, height: 10, bytes: 20, createdAt } });
    return row.id;
  };

  const filesOf = async (id: string) => {
    const images = api.app.get(ImageStore);
    const row = await db.client.imageTaggerImage.findUnique({ where: { id } });
    if (!row) throw new Error(`no image ${id}`);
    return [images.originalPath(row.sha256, row.format as ImageFormat), images.thumbnailPath(row.sha256)];
  };

  it('erases one image: its row, tags and files are gone, and the audit names its id', async () => {
    const id = await storeImage('cat.jpg');
    expect((await call('POST', url(`/api/images/${id}/tags`), { name: 'my-cat' })).status).toBe(201);
    const files = await filesOf(id);
    expect(files.every((f) => existsSync(f))).toBe(true);

    const erased = await call('DELETE', url(`/api/privacy/images/${id}`));
    expect(erased.status).toBe(200);
    expect(erased.body.erased).toEqual({ images: 1, tags: 1, files: 1 });
    expect(await db.client.imageTaggerImage.count({ where: { id } })).toBe(0);
    expect(await db.client.imageTaggerTag.count({ where: { imageId: id } })).toBe(0);
    expect(files.some((f) => existsSync(f))).toBe(false);
    const { body } = await call('GET', url('/api/audit?action=data.erased'));
    expect(body.items[0]).toMatchObject({ target: `image:${id}`, detail: { kind: 'image', images: 1, tags: 1 } });
  });

  it('deletes only images older than the retention window, with their files', async () => {
    const oldId = await storeImage('old.jpg', new Date(Date.now() - 45 * DAY));
    const newId = await storeImage('new.jpg', new Date(Date.now() - DAY));
    const [oldFiles, newFiles] = [await filesOf(oldId), await filesOf(newId)];

    const report = await api.app.get(ProductRetention).run();
    expect(report).toMatchObject({ retentionDays: 30, deleted: { images: 1 } });
    expect(await db.client.imageTaggerImage.count({ where: { id: oldId } })).toBe(0);
    expect(oldFiles.some((f) => existsSync(f))).toBe(false);
    expect(await db.client.imageTaggerImage.count({ where: { id: newId } })).toBe(1);
    expect(newFiles.every((f) => existsSync(f))).toBe(true);
  });
});
