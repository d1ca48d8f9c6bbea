import { createTestDatabase, withTransaction, type DbProvider, type TestDatabase } from '@matrix/db';
import { loadImageTaggerConfig } from '../src/config/image-tagger-config';
import { ImageLibrary } from '../src/images/image-library';
import { ImagesStoredMeanwhile } from '../src/images/image-rows-insert';
import type { GatewayModels } from '../src/models/gateway-models.service';
import type { InspectedImage } from '../src/storage/image-inspection';
import { classifierTags, detectorTags } from '../src/tags/machine-tags';
import { ThresholdService } from '../src/tags/threshold.service';
import { PrismaThresholdStore } from '../src/tags/threshold-store';

// The library's storage on both databases the product supports (embedded SQLite and PostgreSQL, a
// throw-away database on the local server): the multi-row tag INSERT, search by parent tags,
// re-tagging that keeps reviews, threshold tuning, and all-or-nothing writes.

const classifier = { model: 'mobilenetv2-int8', version: '12' };
const served = { classifierVersion: async () => '12' } as unknown as GatewayModels;
const image = (sha: string): InspectedImage => ({ bytes: Buffer.from(sha), sha256: sha, format: 'jpeg', width: 640, height: 480 });
// ImageNet class 282 tiger cat, 281 tabby, 207 golden retriever.
const catTagging = {
  tags: [
    ...classifierTags(
      [
        { index: 282, label: 'tiger cat', score: 0.6 },
        { index: 281, label: 'tabby cat', score: 0.3 },
      ],
      classifier,
    ),
    ...detectorTags([{ label: 'cat', classIndex: 15, score: 0.8, box: [1, 2, 300, 200] }], { model: 'centernet-coco', version: '1' }),
  ],
  classifier,
};
const dogTagging = { tags: classifierTags([{ index: 207, label: 'golden retriever', score: 0.9 }], classifier), classifier };

describe.each<DbProvider>(['sqlite', 'postgresql'])('ImageLibrary on %s', (provider) => {
  let db: TestDatabase;
  let library: ImageLibrary;
  let thresholds: ThresholdService;
  let ids: string[];

  beforeAll(async () => {
    db = await createTestDatabase(provider);
    const config = loadImageTaggerConfig({ IMAGE_TAGGER_TUNE_MIN_REVIEWS: '2' });
    thresholds = new ThresholdService(new PrismaThresholdStore(db.client), config);
    library = new ImageLibrary(db.client, thresholds, served);
    const rows = await withTransaction(db.client, (tx) =>
      library.insert(tx, [
        { image: image('a'.repeat(64)), filename: 'cat.jpg', collection: 'pets', tagging: catTagging },
        { image: image('b'.repeat(64)), filename: "o'dog.jpg", collection: null, tagging: dogTagging },
      ]),
    );
    ids = rows.map((r) => r.id);
  }, 60_000);

  afterAll(() => db?.drop());

  it('stores every tag row through the multi-row INSERT, as Prisma reads them back', async () => {
    const stored = await db.client.imageTaggerTag.findMany({ where: { imageId: ids[0] }, orderBy: { name: 'asc' } });
    expect(stored.length).toBe(catTagging.tags.length);
    const cat = stored.find((t) => t.name === 'cat' && t.source === 'parent');
    expect(cat).toMatchObject({ confidence: 0.9, wnid: 'n02121620', status: 'suggested', model: 'mobilenetv2-int8', modelVersion: '12' });
    expect(JSON.parse(cat?.via ?? '[]')).toEqual(['tiger cat', 'tabby cat']);
    expect(cat?.createdAt).toBeInstanceOf(Date);
    expect(JSON.parse(stored.find((t) => t.source === 'detector')?.boxes ?? '[]')).toEqual([{ box: [1, 2, 300, 200], score: 0.8 }]);
  });

  it('stores the image rows through the multi-row INSERT, as Prisma reads them back (dates included, in order)', async () => {
    const stored = await db.client.imageTaggerImage.findMany({ where: { id: { in: ids } }, orderBy: { filename: 'asc' } });
    expect(stored.map((r) => [r.filename, r.sha256[0], r.format, r.width, r.height, r.collection, r.status, r.classifierVersion, r.detectorModel])).toEqual([
      ['cat.jpg', 'a', 'jpeg', 640, 480, 'pets', 'tagged', '12', null],
      ["o'dog.jpg", 'b', 'jpeg', 640, 480, null, 'tagged', '12', null],
    ]);
    expect(stored[0].createdAt).toBeInstanceOf(Date);
    expect(Math.abs(stored[0].createdAt.getTime() - Date.now())).toBeLessThan(60_000);
    expect(await db.client.imageTaggerImage.count({ where: { createdAt: { gte: new Date(Date.now() - 60_000) } } })).toBe(2);
  });

  it('finds images by their tags and parents, at the thresholds in force', async () => {
    const names = async (filters: Parameters<ImageLibrary['page']>[0]) =>
      (await library.page(filters, { page: 1, pageSize: 10 }, false)).items.map((i) => i.filename).sort();
    expect(await names({ tag: ['mammal'] })).toEqual(['cat.jpg', "o'dog.jpg"]);
    expect(await names({ tag: ['feline'] })).toEqual(['cat.jpg']);
    expect(await names({ tag: ['dog', 'pets'] })).toEqual([]);
    expect(await names({ tag: ['cat'], source: ['detector'] })).toEqual(['cat.jpg']);
    expect(await names({ collection: 'pets' })).toEqual(['cat.jpg']);
    // tabby (0.3) passes the default 0.3; with a tag threshold of 0.5 it no longer does.
    expect(await names({ tag: ['tabby cat'] })).toEqual(['cat.jpg']);
    await thresholds.set('tabby cat', 0.5);
    expect(await names({ tag: ['tabby cat'] })).toEqual([]);
    expect((await library.tagCounts('ca', 10)).map((c) => [c.name, c.images])).toEqual(
      expect.arrayContaining([
        ['carnivore', 2],
        ['cat', 1],
      ]),
    );
  });

  it('re-tags: unreviewed machine tags are replaced, reviewed ones keep their verdict', async () => {
    const tiger = await db.client.imageTaggerTag.findFirstOrThrow({ where: { imageId: ids[0], name: 'tiger cat' } });
    await db.client.imageTaggerTag.update({ where: { id: tiger.id }, data: { status: 'rejected' } });
    const newer = { model: 'mobilenetv2-int8', version: '13' };
    await withTransaction(db.client, (tx) =>
      library.retag(
        tx,
        ids[0],
        {
          tags: classifierTags(
            [
              { index: 282, label: 'tiger cat', score: 0.7 },
              { index: 285, label: 'egyptian mau', score: 0.2 },
            ],
            newer,
          ),
          classifier: newer,
        },
        ['classify'],
      ),
    );
    const after = await db.client.imageTaggerTag.findMany({ where: { imageId: ids[0] } });
    expect(after.find((t) => t.name === 'tiger cat')).toMatchObject({ id: tiger.id, status: 'rejected', confidence: 0.7, modelVersion: '13' });
    expect(after.some((t) => t.name === 'tabby cat')).toBe(false);
    expect(after.some((t) => t.name === 'egyptian mau')).toBe(true);
    // The detector did not run again: its tag stays.
    expect(after.some((t) => t.source === 'detector' && t.name === 'cat')).toBe(true);
    expect((await db.client.imageTaggerImage.findUniqueOrThrow({ where: { id: ids[0] } })).classifierVersion).toBe('13');
    expect((await library.page({ stale: true }, { page: 1, pageSize: 10 }, false)).total).toBe(1);
  });

  it('tunes a threshold from reviews inside the transaction', async () => {
    const [high, low] = await Promise.all(ids.map((id) => db.client.imageTaggerTag.findFirstOrThrow({ where: { imageId: id, name: 'carnivore' } })));
    await db.client.imageTaggerTag.update({ where: { id: high.id }, data: { status: 'confirmed' } });
    await db.client.imageTaggerTag.update({ where: { id: low.id }, data: { status: 'rejected' } });
    const [tuned] = await withTransaction(db.client, (tx) => thresholds.retune(['carnivore'], tx));
    const [c1, c2] = [high.confidence, low.confidence];
    expect(tuned).toMatchObject({ tag: 'carnivore', origin: 'tuned', confirmed: 1, rejected: 1 });
    // Confirmed and rejected confidences differ: the cut lies between them (or on the confirmed one when it is the lower).
    expect(tuned.threshold).toBeCloseTo(c1 > c2 ? (c1 + c2) / 2 : c1, 4);
  });

  it('writes all of an upload or none of it', async () => {
    const before = await db.client.imageTaggerTag.count();
    await expect(
      withTransaction(db.client, (tx) =>
        library.insert(tx, [
          { image: image('c'.repeat(64)), filename: 'new.jpg', collection: null, tagging: dogTagging },
          { image: image('a'.repeat(64)), filename: 'again.jpg', collection: null, tagging: dogTagging }, // same bytes as cat.jpg
        ]),
      ),
    ).rejects.toBeInstanceOf(ImagesStoredMeanwhile);
    expect(await db.client.imageTaggerImage.count()).toBe(2);
    expect(await db.client.imageTaggerTag.count()).toBe(before);
  });
});
