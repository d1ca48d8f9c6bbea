import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@matrix/db';
import { imageModelsManifest, startGatewayProcess, withTestCredentials, type GatewayProcess } from '@matrix/dev-harness';
import sharp from 'sharp';
import { call, PHOTOS, startApi, upload, waitFor, type Json, type RunningApi } from './support/harness';

// The image tagger API in-process on a temp SQLite database and image store, through the REAL
// inference gateway (a child process serving MobileNetV2 and the CenterNet COCO detector) with
// real photos from ../shared.

const byName = (image: Json, name: string, source?: string) => image.tags.find((t: Json) => t.name === name && (!source || t.source === source));

describe('image-tagger-api through the real gateway', () => {
  let gateway: GatewayProcess;
  let db: TestDatabase;
  let api: RunningApi;
  let store: string;
  let env: Record<string, string>;
  let cat: Json;
  let finch: Json;

  beforeAll(async () => {
    [gateway, db] = await Promise.all([
      startGatewayProcess({ MODEL_MANIFEST: imageModelsManifest(), GATEWAY_MODEL_STORE: mkdtempSync(join(tmpdir(), 'image-tagger-models-')) }),
      createTestDatabase('sqlite'),
    ]);
    store = mkdtempSync(join(tmpdir(), 'image-tagger-store-'));
    env = {
      IMAGE_TAGGER_DATABASE_URL: db.url,
      GATEWAY_URL: gateway.url,
      IMAGE_STORE_DIR: store,
      IMAGE_TAGGER_MAX_FILE_MB: '2',
      IMAGE_TAGGER_MAX_MEGAPIXELS: '20',
      IMAGE_TAGGER_MAX_FILES: '4',
      IMAGE_TAGGER_TUNE_MIN_REVIEWS: '2',
      IMAGE_TAGGER_JOB_CHUNK: '1',
      IMAGE_TAGGER_RETAG_ON_MODEL_CHANGE: 'false',
    };
    api = await startApi(env);
    await waitFor('the API to be ready', async () => ((await call('GET', `${api.url}/health/ready`)).status === 200 ? true : undefined), 60_000);
  }, 90_000);

  afterAll(async () => {
    await api?.close();
    await gateway?.stop();
    await db?.drop();
    if (store) rmSync(store, { recursive: true, force: true });
  });

  it('is ready once the gateway serves the classifier, and says zero-shot needs CLIP', async () => {
    const ready = await call('GET', `${api.url}/health/ready`);
    expect(ready.body.checks.models).toMatchObject({ ok: true, classifier: { model: 'mobilenetv2-int8', available: true } });
    const capabilities = await call('GET', `${api.url}/api/capabilities`);
    expect(capabilities.body.zeroShot).toMatchObject({ available: false });
    expect(capabilities.body.zeroShot.reason).toMatch(/CLIP/);
  });

  it('uploads two photos in one request: stored, tagged with classes, WordNet parents and objects with boxes', async () => {
    const { status, body } = await upload(api.url, [PHOTOS.tigerCat, PHOTOS.finch], { features: 'classify,detect', collection: 'garden', tags: 'all' });
    expect(status).toBe(201);
    expect(body).toMatchObject({ created: 2, duplicates: 0, rejected: 0 });
    [cat, finch] = body.files.map((f: Json) => f.image);
    expect(cat).toMatchObject({
      filename: 'n02123159_tiger_cat.JPEG',
      format: 'jpeg',
      status: 'tagged',
      collection: 'garden',
      models: { classifier: { model: 'mobilenetv2-int8', version: '12' }, detector: { model: 'centernet-coco' } },
    });
    expect(cat.sha256).toBe(createHash('sha256').update(readFileSync(PHOTOS.tigerCat)).digest('hex'));

    // Top class is one of the cat breeds; its parents climb WordNet to animal.
    const classes = cat.tags.filter((t: Json) => t.source === 'classifier').sort((a: Json, b: Json) => b.confidence - a.confidence);
    expect(classes).toHaveLength(5);
    expect(classes[0].wnid).toMatch(/^n\d{8}$/);
    expect(classes.map((c: Json) => c.name)).toContain('tiger cat');
    for (const parent of ['cat', 'feline', 'carnivore', 'mammal', 'animal']) {
      const tag = byName(cat, parent, 'parent');
      expect(tag).toMatchObject({ visible: true, source: 'parent' });
      expect(tag.confidence).toBeGreaterThan(0.5);
    }
    // A parent's confidence is the summed probability of its classes among the top five.
    const felines = byName(cat, 'feline', 'parent');
    const sum = classes.filter((c: Json) => felines.via.includes(c.name)).reduce((s: number, c: Json) => s + c.confidence, 0);
    expect(felines.confidence).toBeCloseTo(Math.min(1, sum), 5);

    // The detector finds the cat: boxes inside the image, count at the threshold.
    const object = byName(cat, 'cat', 'detector');
    expect(object.boxes.length).toBeGreaterThanOrEqual(1);
    const [x, y, w, h] = object.boxes[0].box;
    expect(x).toBeGreaterThanOrEqual(0);
    expect(x + w).toBeLessThanOrEqual(cat.width + 1);
    expect(y + h).toBeLessThanOrEqual(cat.height + 1);
    expect(object.count).toBe(object.boxes.filter((b: Json) => b.score >= object.threshold).length);

    expect(byName(finch, 'house finch', 'classifier').visible).toBe(true);
    expect(byName(finch, 'bird', 'parent').visible).toBe(true);
    expect(await db.client.imageTaggerImage.count()).toBe(2);
  });

  it('serves the original bytes and a thumbnail no larger than 320 px, made on its first view and kept', async () => {
    const original = await call('GET', `${api.url}${cat.urls.original}`);
    expect(original.headers.get('content-type')).toBe('image/jpeg');
    expect(original.bytes.equals(readFileSync(PHOTOS.tigerCat))).toBe(true);
    // The upload made no thumbnail (not on its path): the first view makes and stores it, later views read it.
    const thumbnailFile = join(store, 'thumbnails', cat.sha256.slice(0, 2), `${cat.sha256}.jpeg`);
    expect(existsSync(thumbnailFile)).toBe(false);
    const thumbnail = await call('GET', `${api.url}${cat.urls.thumbnail}`);
    expect(thumbnail.headers.get('content-type')).toBe('image/jpeg');
    const meta = await sharp(thumbnail.bytes).metadata();
    expect(Math.max(meta.width, meta.height)).toBe(Math.min(320, Math.max(cat.width, cat.height)));
    expect(readFileSync(thumbnailFile).equals(thumbnail.bytes)).toBe(true);
    expect((await call('GET', `${api.url}${cat.urls.thumbnail}`)).bytes.equals(thumbnail.bytes)).toBe(true);
    expect((await call('GET', `${api.url}/api/images/nope/thumbnail`)).status).toBe(404);
  });

  it('knows a photo it already has by its bytes, whatever it is called', async () => {
    const { status, body } = await upload(api.url, [['renamed.jpg', readFileSync(PHOTOS.finch)]]);
    expect(status).toBe(201);
    expect(body).toMatchObject({
      created: 0,
      duplicates: 1,
      files: [{ status: 'duplicate', filename: 'renamed.jpg', image: { id: finch.id, filename: 'finch.jpeg' } }],
    });
    expect(await db.client.imageTaggerImage.count()).toBe(2);
  });

  it('refuses bad files with a 4xx that says what is wrong, and stores nothing of them', async () => {
    const text = await upload(api.url, [['photo.jpg', Buffer.from('this is a text file, not a photo')]]);
    expect(text.status).toBe(415);
    expect(text.body.error).toMatch(/'photo\.jpg' is not a supported image: its bytes are not JPEG/);

    const truncated = await upload(api.url, [['cut.jpg', readFileSync(PHOTOS.finch).subarray(0, 300)]]);
    expect(truncated.status).toBe(422);
    expect(truncated.body.code).toBe('unreadable_image');

    // Cut in half: the header reads fine, only decoding finds the missing half (this used to be a 500 from the thumbnailer).
    const whole = readFileSync(PHOTOS.labrador);
    const half = whole.subarray(0, Math.floor(whole.length / 2));
    const halfJpeg = await upload(api.url, [['half.jpg', half]]);
    expect([halfJpeg.status, halfJpeg.body.code]).toEqual([422, 'unreadable_image']);
    expect(halfJpeg.body.error).toMatch(/^'half\.jpg' cannot be decoded — it is cut short or corrupt \(.+\); upload the complete file$/);
    const halfSha = createHash('sha256').update(half).digest('hex');
    expect(existsSync(join(store, 'originals', halfSha.slice(0, 2)))).toBe(false);
    expect(existsSync(join(store, 'thumbnails', halfSha.slice(0, 2), `${halfSha}.jpeg`))).toBe(false);
    expect(await db.client.imageTaggerImage.count({ where: { sha256: halfSha } })).toBe(0);

    // 25 megapixels of one colour: a small PNG, but over the 20-megapixel limit (refused from its header).
    const huge = await sharp({ create: { width: 5000, height: 5000, channels: 3, background: '#888' } })
      .png()
      .toBuffer();
    const tooMany = await upload(api.url, [['huge.png', huge]]);
    expect([tooMany.status, tooMany.body.code]).toEqual([413, 'too_many_pixels']);
    expect(tooMany.body.error).toMatch(/5000×5000 = 25\.0 megapixels; at most 20\.0/);

    const big = Buffer.concat([readFileSync(PHOTOS.finch), Buffer.alloc(3 * 1024 * 1024)]);
    const tooBig = await upload(api.url, [['big.jpg', big]]);
    expect([tooBig.status, tooBig.body.code]).toEqual([413, 'file_too_large']);

    const five = await upload(
      api.url,
      Array.from({ length: 5 }, (_, i) => [`f${i}.jpg`, readFileSync(PHOTOS.finch)] as [string, Buffer]),
    );
    expect([five.status, five.body.error]).toEqual([413, 'at most 4 files per upload; send the rest in another request']);

    const json = await call('POST', `${api.url}/api/images`, { image: 'x' });
    expect(json.status).toBe(415);
    expect(json.body.error).toMatch(/multipart\/form-data/);

    const badFeature = await upload(api.url, [PHOTOS.labrador], { features: 'classify,colour' });
    expect(badFeature.status).toBe(422);
    expect(badFeature.body.error).toMatch(/features are classify, detect, zero-shot/);

    // One good and one bad file: the good one is stored, the bad one reported.
    const mixed = await upload(api.url, [PHOTOS.labrador, ['notes.jpg', Buffer.from('%PDF-1.4')]], { features: 'classify' });
    expect(mixed.status).toBe(201);
    expect(mixed.body).toMatchObject({
      created: 1,
      rejected: 1,
      files: [{ status: 'created' }, { status: 'rejected', error: { status: 415, code: 'unsupported_image_type' } }],
    });
    expect(await db.client.imageTaggerImage.count()).toBe(3);
  });

  it('searches the library by tag, parents included, with filters and pages', async () => {
    const animals = await call('GET', `${api.url}/api/images?tag=animal&pageSize=2`);
    expect(animals.body).toMatchObject({ total: 3, page: 1, pageSize: 2, totalPages: 2 });
    const names = async (query: string) => ((await call('GET', `${api.url}/api/images?${query}`)).body.items as Json[]).map((i) => i.filename).sort();
    expect(await names('tag=cat')).toEqual(['n02123159_tiger_cat.JPEG']);
    expect(await names('tag=dog')).toEqual(['n02099712_Labrador_retriever.JPEG']);
    expect(await names('tag=Bird')).toEqual(['finch.jpeg']);
    expect(await names('tag=bird&tag=cat')).toEqual([]);
    expect(await names('tag=cat&source=parent')).toEqual(['n02123159_tiger_cat.JPEG']);
    expect(await names('tag=mammal&collection=garden')).toEqual(['n02123159_tiger_cat.JPEG']);
    expect(await names('q=finch')).toEqual(['finch.jpeg']);
    const bad = await call('GET', `${api.url}/api/images?pageSize=0&source=camera`);
    expect(bad.status).toBe(422);
    expect(bad.body.error).toMatch(/pageSize must be at least 1/);
    const counts = await call('GET', `${api.url}/api/tags?prefix=ca`);
    expect(counts.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'carnivore', images: 2 })]));
  });

  it('tunes a tag’s threshold from confirmations and rejections, and shows tags by it', async () => {
    // A tag name on both photos with different confidences: confirm the higher, reject the lower.
    const all = await Promise.all([cat.id, finch.id].map(async (id) => (await call('GET', `${api.url}/api/images/${id}?tags=all`)).body));
    const shared = all[0].tags.find(
      (t: Json) => t.source !== 'parent' && all[1].tags.some((u: Json) => u.name === t.name && u.source === t.source && u.confidence !== t.confidence),
    );
    expect(shared).toBeDefined();
    const other = all[1].tags.find((u: Json) => u.name === shared.name && u.source === shared.source);
    const [high, low] = shared.confidence > other.confidence ? [shared, other] : [other, shared];
    const reviewed = await call('POST', `${api.url}/api/reviews`, {
      items: [
        { tagId: high.id, status: 'confirmed' },
        { tagId: low.id, status: 'rejected' },
      ],
    });
    expect(reviewed.status).toBe(200);
    expect(reviewed.body.thresholds).toEqual([expect.objectContaining({ tag: shared.name, origin: 'tuned', confirmed: 1, rejected: 1 })]);
    expect(reviewed.body.thresholds[0].threshold).toBeCloseTo((high.confidence + low.confidence) / 2, 3);
    const thresholds = await call('GET', `${api.url}/api/thresholds`);
    expect(thresholds.body.tags).toEqual([expect.objectContaining({ tag: shared.name, origin: 'tuned' })]);

    // The rejected tag is hidden whatever its confidence; the confirmed one shown.
    const lowImage = (await call('GET', `${api.url}/api/images/${low.id === shared.id ? cat.id : finch.id}?tags=all`)).body;
    expect(lowImage.tags.find((t: Json) => t.id === low.id)).toMatchObject({ status: 'rejected', visible: false });

    // A manual threshold wins over tuning; bad values get a 422 that says the range.
    expect((await call('PUT', `${api.url}/api/thresholds/tags/${encodeURIComponent(shared.name)}`, { threshold: 0.01 })).body).toMatchObject({
      origin: 'manual',
      threshold: 0.01,
    });
    await call('POST', `${api.url}/api/reviews`, { items: [{ tagId: low.id, status: 'suggested' }] });
    expect((await call('GET', `${api.url}/api/thresholds`)).body.tags[0]).toMatchObject({ origin: 'manual', threshold: 0.01 });
    const wrong = await call('PUT', `${api.url}/api/thresholds/global`, { threshold: 1.5 });
    expect([wrong.status, wrong.body.error]).toEqual([422, 'invalid body: threshold: threshold is at most 1']);

    // A tag name is a name, not a path: refused before any threshold row exists.
    const rowsBefore = (await call('GET', `${api.url}/api/thresholds`)).body.tags.length;
    for (const bad of ['../../../etc/passwd', '<script>alert(1)</script>', 'cat/..']) {
      const refused = await call('PUT', `${api.url}/api/thresholds/tags/${encodeURIComponent(bad)}`, { threshold: 0.5 });
      expect([refused.status, refused.body.code]).toEqual([422, 'validation_failed']);
      expect(refused.body.error).toMatch(
        /a tag name (starts with a letter or digit and uses only letters, digits, spaces and ' - \( \) \. , & \+|must not contain "\.\.")/,
      );
    }
    expect((await call('GET', `${api.url}/api/thresholds`)).body.tags).toHaveLength(rowsBefore);
    expect((await call('DELETE', `${api.url}/api/thresholds/tags/${encodeURIComponent('../../../etc/passwd')}`)).status).toBe(422);
    expect((await call('PUT', `${api.url}/api/thresholds/tags/${encodeURIComponent("jack-o'-lantern")}`, { threshold: 0.4 })).status).toBe(200);
    expect((await call('DELETE', `${api.url}/api/thresholds/tags/${encodeURIComponent("jack-o'-lantern")}`)).status).toBe(204);
  });

  it('applies the global threshold to what is shown and searched', async () => {
    const before = (await call('GET', `${api.url}/api/images/${cat.id}`)).body.tags.length;
    await call('PUT', `${api.url}/api/thresholds/global`, { threshold: 0.99 });
    const strict = (await call('GET', `${api.url}/api/images/${cat.id}`)).body;
    expect(strict.tags.length).toBeLessThan(before);
    expect(strict.tags.every((t: Json) => t.status === 'confirmed' || t.confidence >= t.threshold)).toBe(true);
    // The finch scores 0.9946–0.9997 for "house finch" on different machines (same model file, 2026-12-04): above 0.99 either way.
    expect((await call('GET', `${api.url}/api/images?tag=house%20finch`)).body.total).toBe(1);
    // Above every score the finch gets: no longer found.
    await call('PUT', `${api.url}/api/thresholds/global`, { threshold: 0.99999 });
    expect((await call('GET', `${api.url}/api/images?tag=house%20finch`)).body.total).toBe(0);
    await call('PUT', `${api.url}/api/thresholds/global`, { threshold: 0.3 });
  });

  it('adds and removes manual tags; machine tags are rejected, not deleted', async () => {
    const added = await call('POST', `${api.url}/api/images/${finch.id}/tags`, { name: '  Garden Visitor ' });
    expect(added.status).toBe(201);
    const manual = added.body.tags.find((t: Json) => t.source === 'manual');
    expect(manual).toMatchObject({ name: 'garden visitor', status: 'confirmed', visible: true });
    expect((await call('GET', `${api.url}/api/images?tag=garden%20visitor`)).body.total).toBe(1);
    expect((await call('POST', `${api.url}/api/images/${finch.id}/tags`, { name: 'garden visitor' })).status).toBe(409);
    const machine = added.body.tags.find((t: Json) => t.source === 'classifier');
    const refused = await call('DELETE', `${api.url}/api/images/${finch.id}/tags/${machine.id}`);
    expect([refused.status, refused.body.code]).toEqual([422, 'machine_tag']);
    expect((await call('DELETE', `${api.url}/api/images/${finch.id}/tags/${manual.id}`)).status).toBe(204);
    expect((await call('GET', `${api.url}/api/images?tag=garden%20visitor`)).body.total).toBe(0);
  });

  it('says clearly that zero-shot vocabularies need a CLIP model, before reading the upload', async () => {
    const created = await call('POST', `${api.url}/api/vocabularies`, { name: 'garden', labels: ['bird feeder', 'flower bed', 'lawn'] });
    expect(created.status).toBe(201);
    expect((await call('POST', `${api.url}/api/vocabularies`, { name: 'tiny', labels: ['one'] })).body.error).toMatch(/at least two labels/);
    const pathLabel = await call('POST', `${api.url}/api/vocabularies`, { name: 'paths', labels: ['lawn', '../../../etc/passwd'] });
    expect([pathLabel.status, pathLabel.body.details]).toEqual([
      422,
      [
        { path: 'labels.1', message: "a tag name starts with a letter or digit and uses only letters, digits, spaces and ' - ( ) . , & +" },
        { path: 'labels.1', message: 'a tag name must not contain ".."' },
      ],
    ]);
    expect((await call('POST', `${api.url}/api/vocabularies`, { name: '..', labels: ['lawn', 'tree'] })).status).toBe(422);
    expect((await call('GET', `${api.url}/api/vocabularies`)).body.items.map((v: Json) => v.name)).toEqual(['garden']);
    const missing = await upload(api.url, [PHOTOS.labrador], { features: 'zero-shot' });
    expect([missing.status, missing.body.code]).toEqual([422, 'vocabulary_required']);
    const { status, body } = await upload(api.url, [['new.jpg', await sharp(PHOTOS.labrador).rotate(90).jpeg().toBuffer()]], {
      features: 'classify,zero-shot',
      vocabulary: 'garden',
    });
    expect([status, body.code]).toEqual([503, 'zero_shot_unavailable']);
    expect(body.error).toMatch(/needs a CLIP model .* loaded in the inference gateway/);
    expect(await db.client.imageTaggerImage.count()).toBe(3);
  });

  it('runs a bulk tagging job with progress events and keeps people’s reviews', async () => {
    const reviewedBefore = await db.client.imageTaggerTag.count({ where: { status: { not: 'suggested' } } });
    const created = await call('POST', `${api.url}/api/jobs`, { scope: 'all', features: ['classify'] });
    expect(created.status).toBe(202);
    expect(created.body).toMatchObject({ status: 'queued', total: 3, scope: 'all', features: ['classify'] });
    const events = await (await fetch(`${api.url}/api/jobs/${created.body.id}/events`, { headers: withTestCredentials() })).text();
    expect(events).toMatch(/event: progress\ndata: \{/);
    expect(events).toMatch(/event: done\ndata: .*"status":"succeeded"/);
    const job = (await call('GET', `${api.url}/api/jobs/${created.body.id}`)).body;
    expect(job).toMatchObject({ status: 'succeeded', progress: 1, done: 3, total: 3, result: { tagged: 3, failed: 0 } });
    expect(await db.client.imageTaggerTag.count({ where: { status: { not: 'suggested' } } })).toBe(reviewedBefore);
    expect((await call('GET', `${api.url}/api/jobs?pageSize=1`)).body).toMatchObject({ total: 1, items: [{ id: job.id }] });
    expect((await call('POST', `${api.url}/api/jobs`, { scope: 'collection' })).body.code).toBe('collection_required');
  });

  it('starts one job per Idempotency-Key: the same request sent again answers the same job', async () => {
    const key = `tagger-e2e-${Date.now()}`;
    const send = () =>
      fetch(`${api.url}/api/jobs`, {
        method: 'POST',
        headers: withTestCredentials({ 'content-type': 'application/json', 'idempotency-key': key }),
        body: JSON.stringify({ scope: 'all', features: ['classify'] }),
      });
    const first = await send();
    const again = await send();
    const [a, b] = (await Promise.all([first.json(), again.json()])) as Array<{ id: string }>;
    expect([first.status, again.status, again.headers.get('idempotent-replayed'), b.id]).toEqual([202, 200, 'true', a.id]);
    expect(await db.client.job.count({ where: { idempotencyKey: key } })).toBe(1);
    const bad = await fetch(`${api.url}/api/jobs`, {
      method: 'POST',
      headers: withTestCredentials({ 'content-type': 'application/json', 'idempotency-key': 'x' }),
      body: '{"scope":"all"}',
    });
    expect(bad.status).toBe(400);
    await waitFor('the job to finish', async () => ((await call('GET', `${api.url}/api/jobs/${a.id}`)).body.status === 'succeeded' ? true : undefined));
  });

  it('resumes an interrupted job after a restart, and re-tags images of another model version by itself', async () => {
    // A job that a previous process left running after its first image; the cat was tagged by an older classifier.
    const ids = (await db.client.imageTaggerImage.findMany({ orderBy: { createdAt: 'asc' }, select: { id: true } })).map((r) => r.id);
    const firstTaggedAt = (await db.client.imageTaggerImage.findUniqueOrThrow({ where: { id: ids[0] } })).taggedAt;
    const params = { scope: 'ids', collection: null, features: ['classify'], vocabulary: null, imageIds: ids, reason: 'request' };
    const job = await db.client.job.create({
      data: {
        product: 'image-tagger',
        kind: 'tag-images',
        status: 'running',
        params: JSON.stringify(params),
        total: 3,
        done: 1,
        progress: 1 / 3,
        startedAt: new Date(),
      },
    });
    await db.client.imageTaggerImage.update({ where: { id: cat.id }, data: { classifierVersion: '11' } });
    expect((await call('GET', `${api.url}/api/images?stale=true`)).body.total).toBe(1);

    await api.close();
    api = await startApi({ ...env, IMAGE_TAGGER_RETAG_ON_MODEL_CHANGE: 'true' });
    const resumed = await waitFor('the interrupted job to finish', async () => {
      const view = (await call('GET', `${api.url}/api/jobs/${job.id}`)).body;
      return view.status === 'succeeded' ? view : undefined;
    });
    expect(resumed).toMatchObject({ done: 3, total: 3 });
    // The image done before the restart was not tagged again.
    expect((await db.client.imageTaggerImage.findUniqueOrThrow({ where: { id: ids[0] } })).taggedAt).toEqual(firstTaggedAt);

    const retag = await waitFor('the model-change job to finish', async () => {
      const { items } = (await call('GET', `${api.url}/api/jobs`)).body;
      const found = items.find((j: Json) => j.reason === 'model-change');
      return found?.status === 'succeeded' ? found : undefined;
    });
    expect(retag).toMatchObject({ scope: 'stale', total: 1, done: 1 });
    expect((await db.client.imageTaggerImage.findUniqueOrThrow({ where: { id: cat.id } })).classifierVersion).toBe('12');
    expect((await call('GET', `${api.url}/api/capabilities`)).body.staleImages).toBe(0);
  });

  it('reports uploads, tags, reviews and jobs at /metrics', async () => {
    const text = (await call('GET', `${api.url}/metrics`)).bytes.toString('utf8');
    // The API was restarted in the test above: this process saw the two jobs (resumed and model-change), no uploads.
    expect(text).toMatch(/image_tagger_jobs_finished_total\{status="succeeded",service="image-tagger-api"\} 2/);
    expect(text).toContain('# TYPE image_tagger_upload_stage_seconds histogram');
  });

  it('deletes an image with its tags and files', async () => {
    const response = await call('DELETE', `${api.url}/api/images/${finch.id}`);
    expect(response.status).toBe(204);
    expect(await db.client.imageTaggerTag.count({ where: { imageId: finch.id } })).toBe(0);
    expect((await call('GET', `${api.url}${finch.urls.original}`)).status).toBe(404);
  });
});
