import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@matrix/db';
import { freePort } from '@matrix/dev-harness';
import { ImageStore } from '../src/storage/image-store';
import { call, startApi, type RunningApi } from './support/harness';

// Two image-tagger API replicas on one database and one IMAGE_STORE_DIR (a shared volume): an image stored through
// replica A is served by replica B, and deleted through B it is gone for A too. No model is needed (the gateway is
// unreachable), so the image is stored as an upload stores it, untagged.
describe('image tagger replicas share the image storage', () => {
  let db: TestDatabase;
  let store: string;
  let a: RunningApi;
  let b: RunningApi;

  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    store = mkdtempSync(join(tmpdir(), 'image-replicas-'));
    const env = { IMAGE_TAGGER_DATABASE_URL: db.url, GATEWAY_URL: `http://127.0.0.1:${await freePort()}`, IMAGE_STORE_DIR: store, LOG_LEVEL: 'error' };
    [a, b] = await Promise.all([startApi(env), startApi(env)]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await db?.drop();
    if (store) rmSync(store, { recursive: true, force: true });
  });

  it('B serves the file and thumbnail A stored; a delete through B removes the files for A', async () => {
    const sha256 = createHash('sha256').update('replica photo').digest('hex');
    const images = a.app.get(ImageStore);
    await images.save(Buffer.from('bytes of the photo'), sha256, 'jpeg', Buffer.from('thumbnail of the photo'));
    const row = await db.client.imageTaggerImage.create({ data: { sha256, filename: 'photo.jpg', format: 'jpeg', width: 10, height: 10, bytes: 18 } });

    const file = await call('GET', `${b.url}/api/images/${row.id}/file`);
    expect([file.status, file.bytes.toString()]).toEqual([200, 'bytes of the photo']);
    const thumbnail = await call('GET', `${b.url}/api/images/${row.id}/thumbnail`);
    expect([thumbnail.status, thumbnail.bytes.toString()]).toEqual([200, 'thumbnail of the photo']);

    expect((await call('DELETE', `${b.url}/api/images/${row.id}`)).status).toBe(204);
    expect([existsSync(images.originalPath(sha256, 'jpeg')), existsSync(images.thumbnailPath(sha256))]).toEqual([false, false]);
    expect((await call('GET', `${a.url}/api/images/${row.id}/file`)).status).toBe(404);
  });
});
