import { createTestDatabase, type TestDatabase } from '@matrix/db';
import { freePort, manifestWithModels, startGatewayProcess, withTestCredentials, type GatewayProcess } from '@matrix/dev-harness';
import { GatewayClient } from '@matrix/gateway-client';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { latestSentimentArtifact } from '@matrix/sentiment-model';
import { ANCHOR_HEAD_CONFIG, anchorHeadFiles } from './support/anchor-head';
import { call, startApi, waitFor, type Json, type RunningApi } from './support/harness';

// The sentiment API in-process on a temp SQLite database, through the REAL inference gateway (a
// child process serving USE embeddings) and a real tfjs-layers head: the trained artifact when the
// repo has one (the API registers it at boot, as in production), else a small anchor head the test
// registers itself (see support/anchor-head.ts), so this test does not depend on training.

// The gateway runs with API keys, the sentiment key scoped as in production (least privilege): it may call
// USE and its own head, and control (register, replace) only its own head.
const SENTIMENT_KEY = randomBytes(24).toString('base64url');
// Its heads: the binary head, the three-class sentence head and the aspect head.
const SENTIMENT_HEADS = 'sentiment-head,sentiment-3class,sentiment-aspect';
// The key of a sentiment API configured with SENTIMENT_MODEL=no-such-head (a head nobody trained): scoped to that name.
const UNSERVED_KEY = randomBytes(24).toString('base64url');
const GATEWAY_API_KEYS = [
  `sentiment:${SENTIMENT_KEY}:use-lite-en,${SENTIMENT_HEADS}:admin=${SENTIMENT_HEADS}`,
  `sentiment-unserved:${UNSERVED_KEY}:use-lite-en,no-such-head:admin=no-such-head`,
].join(';');

const POSITIVE = 'This film is wonderful and I love it.';
const NEGATIVE = 'The service was terrible and awful.';

function trainedArtifactPresent(): boolean {
  try {
    latestSentimentArtifact();
    return true;
  } catch {
    return false;
  }
}

describe('sentiment-api through the real gateway', () => {
  let gateway: GatewayProcess;
  let db: TestDatabase;
  let api: RunningApi;
  const usesTrainedHead = trainedArtifactPresent();
  const rows = () => db.client.sentimentAnalysis.count();

  beforeAll(async () => {
    [gateway, db] = await Promise.all([
      startGatewayProcess({
        MODEL_MANIFEST: manifestWithModels(['use-lite-en']),
        GATEWAY_MODEL_STORE: mkdtempSync(join(tmpdir(), 'sentiment-store-')),
        GATEWAY_API_KEYS,
      }),
      createTestDatabase('sqlite'),
    ]);
    if (!usesTrainedHead) {
      const client = new GatewayClient({ baseUrl: gateway.url, apiKey: SENTIMENT_KEY });
      await client.registerModel('sentiment-head', ANCHOR_HEAD_CONFIG, await anchorHeadFiles(client));
    }
    api = await startApi({
      SENTIMENT_DATABASE_URL: db.url,
      GATEWAY_URL: gateway.url,
      GATEWAY_API_KEY: SENTIMENT_KEY,
      SENTIMENT_JOB_CHUNK_ROWS: '3',
    });
    await waitFor('the API to be ready', async () => ((await call('GET', `${api.url}/health/ready`)).status === 200 ? true : undefined));
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    await gateway?.stop();
    await db?.drop();
  });

  it('is ready once the gateway serves the sentiment head', async () => {
    const { body } = await call('GET', `${api.url}/health/ready`);
    expect(body).toMatchObject({ ready: true, checks: { database: { ok: true }, gateway: { ok: true }, model: { ok: true, model: 'sentiment-head' } } });
    expect(body.checks.model.version).toBe(usesTrainedHead ? latestSentimentArtifact().version : ANCHOR_HEAD_CONFIG.version);
  });

  it('serves through a least-privilege key: it registered its own head, and may not control any other model', async () => {
    const client = new GatewayClient({ baseUrl: gateway.url, apiKey: SENTIMENT_KEY });
    await expect(client.unloadModel('use-lite-en')).rejects.toThrow(/lacks the 'admin' scope for model 'use-lite-en'/);
    expect((await client.models()).find((m) => m.id === 'use-lite-en')?.state).toBe('READY');
  });

  it('analyses one text: per-sentence results with offsets into the text, document score by the brief’s rules, stored', async () => {
    const middle = 'Dr. Smith agreed with me.';
    const text = `  ${POSITIVE} ${middle}\n\n${NEGATIVE}`;
    const before = await rows();
    const { status, body } = await call('POST', `${api.url}/api/analyze`, { text, source: 'e2e-one' });
    expect(status).toBe(201);
    // Worked out by hand: 2 leading spaces; POSITIVE is 37 characters; one space; then the middle
    // sentence (25); a blank line (2); NEGATIVE to the end. "Dr." does not end a sentence.
    expect(body.sentences.map((s: Json) => [s.text, s.start, s.end])).toEqual([
      [POSITIVE, 2, 39],
      [middle, 40, 65],
      [NEGATIVE, 67, 67 + NEGATIVE.length],
    ]);
    expect(text.length).toBe(67 + NEGATIVE.length);
    for (const s of body.sentences) expect(text.slice(s.start, s.end)).toBe(s.text);
    const sentences = body.sentences as Array<{ text: string; score: number; label: string }>;
    expect(sentences[0].label).toBe('POSITIVE');
    expect(sentences[2].label).toBe('NEGATIVE');
    // score = length-weighted mean of sentence scores; magnitude = Σ|score|.
    const length = sentences.reduce((sum, s) => sum + s.text.length, 0);
    expect(body.score).toBeCloseTo(sentences.reduce((sum, s) => sum + s.text.length * s.score, 0) / length, 10);
    expect(body.magnitude).toBeCloseTo(
      sentences.reduce((sum, s) => sum + Math.abs(s.score), 0),
      10,
    );
    expect(body.positiveProbability).toBeGreaterThanOrEqual(0);
    expect(body.positiveProbability).toBeLessThanOrEqual(1);
    expect(body).toMatchObject({ text, source: 'e2e-one', jobId: null, model: 'sentiment-head', id: expect.any(String), createdAt: expect.any(String) });
    expect(await rows()).toBe(before + 1);
    expect((await call('GET', `${api.url}/api/analyses/${body.id}`)).body).toEqual(body);
  });

  it('labels a text with a strongly positive and a strongly negative sentence MIXED', async () => {
    const { body } = await call('POST', `${api.url}/api/analyze`, { text: `${POSITIVE} ${NEGATIVE}`, source: 'e2e-one' });
    expect(body.sentences.map((s: Json) => s.label)).toEqual(['POSITIVE', 'NEGATIVE']);
    expect(body.sentences[0].score).toBeGreaterThanOrEqual(0.5);
    expect(body.sentences[1].score).toBeLessThanOrEqual(-0.5);
    expect(body.label).toBe('MIXED');
  });

  // Issue 17's example: the trained heads, through the real gateway.
  const REVIEW = 'The room was spotless and the staff lovely, but breakfast was cold and overpriced. I would still come back.';

  it('says NEUTRAL for a plain statement of fact (three-class head)', async () => {
    const { status, body } = await call('POST', `${api.url}/api/analyze`, { text: 'We checked out at noon.', source: 'e2e-three' });
    expect(status).toBe(201);
    expect(body.sentences.map((s: Json) => s.label)).toEqual(['NEUTRAL']);
    expect(body.label).toBe('NEUTRAL');
  });

  it('finds the aspects of a review and the sentiment toward each (targets: true), the document MIXED', async () => {
    const { status, body } = await call('POST', `${api.url}/api/analyze`, { text: REVIEW, source: 'e2e-targets', targets: true });
    expect(status).toBe(201);
    const aspects = body.aspects as Array<{ text: string; start: number; end: number; label: string; score: number; context: { start: number; end: number } }>;
    // Offsets counted by hand: "The " is 4 characters, "room was spotless and the " 26 more, "staff lovely, but " 18 more.
    expect(aspects.map((a) => [a.text, a.start, a.end, a.label])).toEqual([
      ['room', 4, 8, 'POSITIVE'],
      ['staff', 30, 35, 'POSITIVE'],
      ['breakfast', 48, 57, 'NEGATIVE'],
    ]);
    for (const a of aspects) {
      expect(REVIEW.slice(a.start, a.end)).toBe(a.text);
      expect(a.context.start).toBeLessThanOrEqual(a.start);
      expect(a.context.end).toBeGreaterThanOrEqual(a.end);
    }
    // MIXED from the aspects: one praised, one criticised (the sentences alone do not show it: see label-rules.ts).
    expect(body.label).toBe('MIXED');
    // Stored with the analysis (SentimentAspect rows), and counted in the dashboard's top praised / criticised aspects.
    expect((await call('GET', `${api.url}/api/analyses/${body.id}`)).body.aspects).toEqual(body.aspects);
    const today = new Date().toISOString().slice(0, 10);
    const top = await call('GET', `${api.url}/api/analyses/aspects?source=e2e-targets&from=${today}&to=${today}`);
    expect(top.status).toBe(200);
    expect(top.body.praised.map((a: Json) => a.term)).toEqual(expect.arrayContaining(['room', 'staff']));
    expect(top.body.criticised).toEqual([expect.objectContaining({ term: 'breakfast', negative: 1, total: 1 })]);
    const none = await call('GET', `${api.url}/api/analyses/aspects?source=e2e-targets&to=2000-01-01`);
    expect(none.body).toEqual({ praised: [], criticised: [] });
  });

  it('scores given aspects of a text (POST /api/analyze/targets): phrases found as whole words, or spans', async () => {
    const before = await rows();
    const breakfast = REVIEW.indexOf('breakfast');
    const { status, body } = await call('POST', `${api.url}/api/analyze/targets`, {
      text: REVIEW,
      aspects: ['Staff', { start: breakfast, end: breakfast + 9 }],
    });
    expect(status).toBe(200);
    expect(body.aspects.map((a: Json) => [a.text, a.start, a.label])).toEqual([
      ['staff', REVIEW.indexOf('staff'), 'POSITIVE'],
      ['breakfast', breakfast, 'NEGATIVE'],
    ]);
    expect(body).toMatchObject({ text: REVIEW, model: 'sentiment-aspect', modelVersion: expect.any(String) });
    const missing = await call('POST', `${api.url}/api/analyze/targets`, { text: REVIEW, aspects: ['pool'] });
    expect([missing.status, missing.body.code, missing.body.error]).toEqual([422, 'aspect_not_found', 'not in the text: "pool"']);
    const badSpan = await call('POST', `${api.url}/api/analyze/targets`, { text: 'short', aspects: [{ start: 2, end: 40 }] });
    expect([badSpan.status, badSpan.body.details]).toEqual([
      422,
      [{ path: 'aspects.0', message: 'span [2, 40) must be a non-blank part of the text (length 5)' }],
    ]);
    const none = await call('POST', `${api.url}/api/analyze/targets`, { text: REVIEW, aspects: [] });
    expect([none.status, none.body.error]).toEqual([422, 'invalid body: aspects: aspects must hold at least one aspect']);
    expect(await rows()).toBe(before);
  });

  it('refuses bad input with a clear 4xx and stores nothing', async () => {
    const before = await rows();
    const empty = await call('POST', `${api.url}/api/analyze`, { text: '   ' });
    expect([empty.status, empty.body.code, empty.body.error]).toEqual([422, 'validation_failed', 'invalid body: text: text must not be empty or blank']);
    const missing = await call('POST', `${api.url}/api/analyze`, {});
    expect([missing.status, missing.body.error]).toEqual([422, 'invalid body: text: text is required']);
    const long = await call('POST', `${api.url}/api/analyze`, { text: 'a'.repeat(20_001) });
    expect([long.status, long.body.code]).toEqual([413, 'payload_too_large']);
    expect(long.body.error).toContain('text has 20001 characters; the limit is 20000 per text');
    const tooMany = await call('POST', `${api.url}/api/analyze/batch`, { texts: Array.from({ length: 101 }, (_, i) => `text ${i}`) });
    expect([tooMany.status, tooMany.body.error]).toEqual([
      413,
      'invalid body: texts: a batch may hold at most 100 texts, got 101: send several batches, or upload a CSV (POST /api/uploads)',
    ]);
    const none = await call('POST', `${api.url}/api/analyze/batch`, { texts: [] });
    expect([none.status, none.body.error]).toEqual([422, 'invalid body: texts: texts must hold at least one text']);
    const oneBlank = await call('POST', `${api.url}/api/analyze/batch`, { texts: ['fine', ''] });
    expect([oneBlank.status, oneBlank.body.details]).toEqual([422, [{ path: 'texts.1', message: 'text must not be empty or blank' }]]);
    const plain = await call('POST', `${api.url}/api/analyze`, 'just text', 'text/plain');
    expect(plain.status).toBe(415);
    expect(await rows()).toBe(before);
  });

  it('refuses a CSV that is not UTF-8 (415: re-save as UTF-8), reads it when its charset is declared, and answers 413 that fetch receives', async () => {
    const before = await rows();
    const jobs = () => db.client.job.count({ where: { product: 'sentiment' } });
    const jobsBefore = await jobs();
    const latin1 = Buffer.from(`id,review\r\n1,"${POSITIVE} Très bien."\r\n`, 'latin1');
    const refused = await call('POST', `${api.url}/api/uploads?column=review`, latin1, 'text/csv');
    expect([refused.status, refused.body.code]).toEqual([415, 'not_utf8']);
    expect(refused.body.error).toMatch(/^the file is not valid UTF-8 \(first invalid byte at line 2, byte offset \d+\): re-save it as UTF-8/);
    expect(await jobs()).toBe(jobsBefore);

    // 6 MiB against the 5 MiB limit: the body is read before the answer, so fetch gets the 413 (it used to fail with EPIPE).
    const huge = await call('POST', `${api.url}/api/uploads?column=review`, `id,review\n${'1,"fine"\n'.repeat(700_000)}`, 'text/csv');
    expect([huge.status, huge.body.code, huge.body.error]).toEqual([413, 'payload_too_large', 'request body is larger than the 5 MiB limit for text/csv']);

    const badJson = await call('POST', `${api.url}/api/analyze`, Buffer.concat([Buffer.from('{"text":"caf'), Buffer.from([0xe9]), Buffer.from('"}')]));
    expect([badJson.status, badJson.body.code]).toEqual([400, 'invalid_utf8']);
    expect(badJson.body.error).toMatch(/at line 1, byte offset 12/);
    expect(await rows()).toBe(before);
    expect(await jobs()).toBe(jobsBefore);

    const declared = await call('POST', `${api.url}/api/uploads?column=review`, latin1, 'text/csv; charset=iso-8859-1');
    expect(declared.status).toBe(202);
    const job = await waitFor('the Latin-1 job to finish', async () => {
      const { body } = await call('GET', `${api.url}/api/jobs/${declared.body.job.id}`);
      return body.status === 'succeeded' || body.status === 'failed' ? body : undefined;
    });
    expect(job).toMatchObject({ status: 'succeeded', done: 1 });
    const stored = (await call('GET', `${api.url}/api/analyses?jobId=${job.id}`)).body.items;
    expect(stored.map((r: Json) => r.text)).toEqual([`${POSITIVE} Très bien.`]);
  });

  it('analyses a batch in input order and stores it whole', async () => {
    const before = await rows();
    const { status, body } = await call('POST', `${api.url}/api/analyze/batch`, { texts: [POSITIVE, NEGATIVE, POSITIVE], source: 'e2e-batch' });
    expect(status).toBe(201);
    expect(body.results.map((r: Json) => [r.text, r.label])).toEqual([
      [POSITIVE, 'POSITIVE'],
      [NEGATIVE, 'NEGATIVE'],
      [POSITIVE, 'POSITIVE'],
    ]);
    // One sentence = the whole text: the same input. Its score is P(positive) − P(negative) of the artifact's decision
    // (decision.json: the heads fused, class-weighted): for a clearly positive text, the binary head's direction.
    const [first] = body.results;
    expect(first.positiveProbability).toBeGreaterThan(0.9);
    expect(first.score).toBeGreaterThan(0.5);
    expect(first.score).toBeLessThanOrEqual(1);
    expect(await rows()).toBe(before + 3);
    const listed = (await call('GET', `${api.url}/api/analyses?source=e2e-batch`)).body;
    expect(listed.items.map((r: Json) => r.id)).toEqual(body.results.map((r: Json) => r.id).reverse()); // newest first
  });

  it('runs a CSV job with aspects: stored with each row and listed in an aspects column of the results', async () => {
    const csv = ['review', `"${REVIEW}"`, ''].join('\r\n');
    const upload = await call('POST', `${api.url}/api/uploads?aspects=true&source=e2e-csv-aspects`, csv, 'text/csv');
    expect(upload.status).toBe(202);
    const job = await waitFor('the CSV job with aspects to finish', async () => {
      const { body } = await call('GET', `${api.url}/api/jobs/${upload.body.job.id}`);
      return body.status === 'succeeded' || body.status === 'failed' ? body : undefined;
    });
    expect(job).toMatchObject({ status: 'succeeded', done: 1 });
    const lines = (await call('GET', `${api.url}${job.resultsUrl}`)).text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('row,status,reason,label,score,magnitude,positiveProbability,sentenceCount,analysisId,text,aspects');
    expect(lines[1]).toMatch(/^1,analyzed,,MIXED,.*,room=POSITIVE; staff=POSITIVE; breakfast=NEGATIVE$/);
    const top = await call('GET', `${api.url}/api/analyses/aspects?source=e2e-csv-aspects`);
    expect(top.body.criticised.map((a: Json) => a.term)).toEqual(['breakfast']);
  });

  it('runs a CSV upload as a background job to 100% and serves its results as CSV and JSON', async () => {
    const csv = ['id,review,stars', `1,"${POSITIVE}",5`, '2,,3', `3,"${NEGATIVE}",1`, '4,"Loved it, really.",5', `5,"${POSITIVE} ${NEGATIVE}",3`, ''].join(
      '\r\n',
    );
    const unknownColumn = await call('POST', `${api.url}/api/uploads?column=comment`, csv, 'text/csv');
    expect([unknownColumn.status, unknownColumn.body.error]).toEqual([422, "the CSV has no column 'comment'; available columns: 'id', 'review', 'stars'"]);
    const wrongType = await call('POST', `${api.url}/api/uploads`, { csv }, 'application/json');
    expect(wrongType.status).toBe(415);

    const upload = await call('POST', `${api.url}/api/uploads?column=review&filename=reviews.csv`, csv, 'text/csv');
    expect(upload.status).toBe(202);
    expect(upload.body.job).toMatchObject({ status: 'queued', total: 4, done: 0, rejected: 1, column: 'review', filename: 'reviews.csv', source: 'csv' });
    const jobId = upload.body.job.id;
    const job = await waitFor('the CSV job to finish', async () => {
      const { body } = await call('GET', `${api.url}/api/jobs/${jobId}`);
      return body.status === 'succeeded' || body.status === 'failed' ? body : undefined;
    });
    expect(job).toMatchObject({ status: 'succeeded', progress: 1, total: 4, done: 4, rejected: 1, error: null, resultsUrl: `/api/jobs/${jobId}/results` });

    const results = await call('GET', `${api.url}${job.resultsUrl}`);
    expect(results.status).toBe(200);
    expect(results.headers.get('content-disposition')).toBe(`attachment; filename="sentiment-job-${jobId}.csv"`);
    const lines = results.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('row,status,reason,label,score,magnitude,positiveProbability,sentenceCount,analysisId,text');
    expect(lines.slice(1).map((line) => line.split(',').slice(0, 4).join(','))).toEqual([
      '1,analyzed,,POSITIVE',
      '2,rejected,empty text,',
      '3,analyzed,,NEGATIVE',
      '4,analyzed,,POSITIVE',
      '5,analyzed,,MIXED',
    ]);

    const json = await call('GET', `${api.url}${job.resultsUrl}?format=json`);
    expect(json.body.job.id).toBe(jobId);
    expect(json.body.rows.map((r: Json) => [r.row, r.status, r.analysis?.rowNumber ?? null])).toEqual([
      [1, 'analyzed', 1],
      [2, 'rejected', null],
      [3, 'analyzed', 3],
      [4, 'analyzed', 4],
      [5, 'analyzed', 5],
    ]);
    expect((await call('GET', `${api.url}/api/analyses?jobId=${jobId}`)).body.total).toBe(4);
    expect((await call('GET', `${api.url}/api/jobs/nope`)).status).toBe(404);
  });

  it('filters, paginates and aggregates stored analyses', async () => {
    await call('POST', `${api.url}/api/analyze/batch`, {
      texts: [POSITIVE, NEGATIVE, 'Great, fantastic and delightful.', 'Horrible, dreadful and disappointing.', POSITIVE],
      source: 'e2e-filters',
    });
    const page1 = (await call('GET', `${api.url}/api/analyses?source=e2e-filters&page=1&pageSize=2`)).body;
    const page3 = (await call('GET', `${api.url}/api/analyses?source=e2e-filters&page=3&pageSize=2`)).body;
    expect([page1.total, page1.totalPages, page1.items.length, page3.items.length]).toEqual([5, 3, 2, 1]);
    const negatives = (await call('GET', `${api.url}/api/analyses?source=e2e-filters&label=negative`)).body;
    expect(negatives.items.map((r: Json) => r.text).sort()).toEqual(['Horrible, dreadful and disappointing.', NEGATIVE].sort());
    const search = (await call('GET', `${api.url}/api/analyses?source=e2e-filters&q=FANTASTIC`)).body;
    expect(search.items.map((r: Json) => r.text)).toEqual(['Great, fantastic and delightful.']);
    const today = new Date().toISOString().slice(0, 10);
    expect((await call('GET', `${api.url}/api/analyses?source=e2e-filters&from=${today}&to=${today}`)).body.total).toBe(5);
    expect((await call('GET', `${api.url}/api/analyses?source=e2e-filters&to=2000-01-01`)).body.total).toBe(0);
    const bad = await call('GET', `${api.url}/api/analyses?label=HAPPY&pageSize=500`);
    expect(bad.status).toBe(422);
    expect(bad.body.details.map((d: Json) => d.path)).toEqual(['label', 'pageSize']);

    const aggregates = (await call('GET', `${api.url}/api/analyses/aggregates?source=e2e-filters&interval=day`)).body;
    expect(aggregates.byLabel).toEqual({ POSITIVE: 3, NEGATIVE: 2, NEUTRAL: 0, MIXED: 0 });
    expect(aggregates.series).toEqual([
      { bucket: `${today}T00:00:00.000Z`, POSITIVE: 3, NEGATIVE: 2, NEUTRAL: 0, MIXED: 0, total: 5, meanScore: expect.any(Number) },
    ]);
    const all = (await call('GET', `${api.url}/api/analyses/aggregates`)).body;
    expect(all.total).toBe(await rows());
    const hourly = await call('GET', `${api.url}/api/analyses/aggregates?interval=hour&from=2020-01-01&to=2026-01-01`);
    expect([hourly.status, hourly.body.code]).toEqual([422, 'too_many_buckets']);
  });

  it('exports the filtered analyses as a CSV or JSON download', async () => {
    const csv = await call('GET', `${api.url}/api/analyses/export?source=e2e-filters&label=POSITIVE`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="sentiment-analyses-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = csv.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('id,createdAt,label,score,magnitude,positiveProbability,sentenceCount,source,jobId,rowNumber,model,modelVersion,text');
    expect(lines).toHaveLength(1 + 3);
    expect(lines.slice(1).every((line) => line.split(',')[2] === 'POSITIVE')).toBe(true);
    const json = await call('GET', `${api.url}/api/analyses/export?format=json&source=e2e-filters`);
    expect(json.body).toHaveLength(5);
    expect(json.body[0].sentences[0]).toMatchObject({ start: 0, label: expect.any(String) });
  });

  it('deletes an analysis', async () => {
    const { body } = await call('POST', `${api.url}/api/analyze`, { text: POSITIVE });
    expect((await call('DELETE', `${api.url}/api/analyses/${body.id}`)).status).toBe(204);
    expect((await call('GET', `${api.url}/api/analyses/${body.id}`)).status).toBe(404);
    expect((await call('DELETE', `${api.url}/api/analyses/${body.id}`)).status).toBe(404);
  });

  it('with the gateway down: 503 and not one row written; a CSV job waits visibly, then fails with the reason after its window', async () => {
    const down = await startApi({
      SENTIMENT_DATABASE_URL: db.url,
      GATEWAY_URL: `http://127.0.0.1:${await freePort()}`,
      JOB_DEPENDENCY_WAIT_MINUTES: '0.05',
      LOG_LEVEL: 'fatal',
    });
    try {
      const before = await rows();
      const one = await call('POST', `${down.url}/api/analyze`, { text: POSITIVE });
      expect([one.status, one.body.code]).toEqual([503, 'gateway_unavailable']);
      const batch = await call('POST', `${down.url}/api/analyze/batch`, { texts: [POSITIVE, NEGATIVE] });
      expect(batch.status).toBe(503);
      expect(await rows()).toBe(before);
      const ready = await call('GET', `${down.url}/health/ready`);
      expect([ready.status, ready.body.checks.gateway.ok, ready.body.checks.model.ok]).toEqual([503, false, false]);

      const upload = await call('POST', `${down.url}/api/uploads`, `text\n${POSITIVE}\n${NEGATIVE}\n`, 'text/csv');
      const waiting = await waitFor('the job to wait for the gateway', async () => {
        const { body } = await call('GET', `${down.url}/api/jobs/${upload.body.job.id}`);
        return body.waiting ? body : undefined;
      });
      expect(waiting).toMatchObject({
        status: 'running',
        error: null,
        waiting: { reason: 'waiting for the inference gateway', lastError: expect.stringContaining('unreachable') },
      });
      const job = await waitFor('the job to fail', async () => {
        const { body } = await call('GET', `${down.url}/api/jobs/${upload.body.job.id}`);
        return body.status === 'failed' ? body : undefined;
      });
      expect(job.error).toMatch(/^gave up after 3 s waiting for the inference gateway: .*(the inference gateway is unavailable|gateway unreachable)/);
      expect(job).toMatchObject({ waiting: null, retryable: true });
      expect(job.error).toContain('(0 of 2 rows were analysed');
      expect(await rows()).toBe(before);
      const results = await call('GET', `${down.url}/api/jobs/${job.id}/results`);
      expect(
        results.text
          .split('\r\n')
          .slice(1, 3)
          .map((line) => line.split(',')[1]),
      ).toEqual(['not_analyzed', 'not_analyzed']);
    } finally {
      await down.close();
    }
  });

  it('rides out a gateway restart mid-job: waits visibly, the model is registered again, every row analysed once; an upload resent with its Idempotency-Key is one job', async () => {
    // A gateway of its own on a fixed port, restarted with an empty model store (it forgets the sentiment head).
    const port = await freePort();
    const gatewayEnv = () => ({
      MODEL_MANIFEST: manifestWithModels(['use-lite-en']),
      GATEWAY_MODEL_STORE: mkdtempSync(join(tmpdir(), 'sentiment-restart-store-')),
      GATEWAY_API_KEYS,
    });
    const serveHead = async (url: string) => {
      if (usesTrainedHead) return; // the API registers its trained head itself, as in production
      const client = new GatewayClient({ baseUrl: url, apiKey: SENTIMENT_KEY });
      await client.registerModel('sentiment-head', ANCHOR_HEAD_CONFIG, await anchorHeadFiles(client));
    };
    let own: GatewayProcess | undefined = await startGatewayProcess(gatewayEnv(), { port });
    await serveHead(own.url);
    const restartApi = await startApi({
      SENTIMENT_DATABASE_URL: db.url,
      GATEWAY_URL: own.url,
      GATEWAY_API_KEY: SENTIMENT_KEY,
      SENTIMENT_JOB_CHUNK_ROWS: '2',
      LOG_LEVEL: 'fatal',
    });
    try {
      await waitFor('the API to be ready', async () => ((await call('GET', `${restartApi.url}/health/ready`)).status === 200 ? true : undefined));
      const total = 160;
      const csv = ['text', ...Array.from({ length: total }, (_, i) => `${i % 2 ? NEGATIVE : POSITIVE} Review number ${i + 1}.`)].join('\n');
      const key = `e2e-${randomBytes(8).toString('hex')}`;
      const send = () =>
        fetch(`${restartApi.url}/api/uploads?source=e2e-restart`, {
          method: 'POST',
          headers: withTestCredentials({ 'content-type': 'text/csv', 'idempotency-key': key }),
          body: csv,
        });
      const first = await send();
      expect(first.status).toBe(202);
      const jobId = ((await first.json()) as { job: { id: string } }).job.id;
      const again = await send();
      expect([again.status, again.headers.get('idempotent-replayed'), ((await again.json()) as { job: { id: string } }).job.id]).toEqual([200, 'true', jobId]);
      expect(await db.client.job.count({ where: { idempotencyKey: key } })).toBe(1);

      await waitFor('some rows analysed', async () => ((await call('GET', `${restartApi.url}/api/jobs/${jobId}`)).body.done >= 6 ? true : undefined));
      await own.stop();
      own = undefined;
      const waiting = await waitFor('the job to wait for the gateway', async () => {
        const { body } = await call('GET', `${restartApi.url}/api/jobs/${jobId}`);
        return body.waiting ? body : undefined;
      });
      expect(waiting).toMatchObject({ status: 'running', error: null, waiting: { reason: 'waiting for the inference gateway' } });
      expect(waiting.done).toBeLessThan(total);

      own = await startGatewayProcess(gatewayEnv(), { port });
      await serveHead(own.url);
      const finished = await waitFor(
        'the job to finish',
        async () => {
          const { body } = await call('GET', `${restartApi.url}/api/jobs/${jobId}`);
          return body.status === 'succeeded' || body.status === 'failed' ? body : undefined;
        },
        120_000,
      );
      expect(finished).toMatchObject({ status: 'succeeded', done: total, total, waiting: null, error: null });
      const stored = await db.client.sentimentAnalysis.findMany({ where: { jobId }, select: { rowNumber: true }, orderBy: { rowNumber: 'asc' } });
      expect(stored.map((r) => r.rowNumber)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    } finally {
      await restartApi.close();
      await own?.stop();
    }
  }, 240_000);

  it('retries a failed job for the rows not analysed only', async () => {
    // The state a job that gave up waiting leaves: rows 1 and 2 of 4 stored, failed.
    const texts = [POSITIVE, NEGATIVE, POSITIVE, NEGATIVE];
    const job = await db.client.job.create({
      data: {
        product: 'sentiment',
        kind: 'csv-analysis',
        status: 'failed',
        error: 'gave up after 10 min waiting for the inference gateway: gateway unreachable',
        total: 4,
        done: 2,
        progress: 0.5,
        startedAt: new Date(),
        finishedAt: new Date(),
        params: JSON.stringify({ column: 'text', hasHeader: true, filename: null, source: 'e2e-retry', rows: 4, rejected: 0 }),
      },
    });
    await db.client.sentimentUpload.create({
      data: { jobId: job.id, column: 'text', hasHeader: true, source: 'e2e-retry', rows: JSON.stringify(texts.map((t, i) => [i + 1, t])) },
    });
    const kept = await Promise.all(
      [1, 2].map((row) =>
        db.client.sentimentAnalysis.create({
          data: {
            text: texts[row - 1],
            label: 'NEUTRAL',
            score: 0,
            magnitude: 0,
            positiveProbability: 0.5,
            sentences: '[]',
            sentenceCount: 0,
            source: 'e2e-retry',
            jobId: job.id,
            rowNumber: row,
            model: 'sentiment-head',
            modelVersion: 'before-outage',
          },
        }),
      ),
    );
    const retried = await call('POST', `${api.url}/api/jobs/${job.id}/retry`);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ id: job.id, status: expect.stringMatching(/^(queued|running|succeeded)$/), error: null });
    const finished = await waitFor('the retried job', async () => {
      const { body } = await call('GET', `${api.url}/api/jobs/${job.id}`);
      return body.status === 'succeeded' ? body : undefined;
    });
    expect(finished).toMatchObject({ done: 4, total: 4, retryable: false });
    const stored = await db.client.sentimentAnalysis.findMany({ where: { jobId: job.id }, orderBy: { rowNumber: 'asc' } });
    expect(stored.map((r) => r.rowNumber)).toEqual([1, 2, 3, 4]);
    expect(stored.slice(0, 2).map((r) => [r.id, r.modelVersion])).toEqual(kept.map((r) => [r.id, 'before-outage']));
    expect((await call('POST', `${api.url}/api/jobs/${job.id}/retry`)).body.code).toBe('job_not_failed');
  });

  it('resumes a job interrupted by a restart, skipping the rows already stored', async () => {
    // The state a crash leaves: a running job with rows 1 and 2 of 5 stored.
    const job = await db.client.job.create({
      data: {
        product: 'sentiment',
        kind: 'csv-analysis',
        status: 'running',
        total: 5,
        done: 2,
        progress: 0.4,
        startedAt: new Date(),
        params: JSON.stringify({ column: 'text', hasHeader: true, filename: null, source: 'e2e-resume', rows: 5, rejected: 0 }),
      },
    });
    const texts = [POSITIVE, NEGATIVE, POSITIVE, NEGATIVE, POSITIVE];
    await db.client.sentimentUpload.create({
      data: { jobId: job.id, column: 'text', hasHeader: true, source: 'e2e-resume', rows: JSON.stringify(texts.map((t, i) => [i + 1, t])) },
    });
    const kept = await Promise.all(
      [1, 2].map((row) =>
        db.client.sentimentAnalysis.create({
          data: {
            text: texts[row - 1],
            label: 'NEUTRAL',
            score: 0,
            magnitude: 0,
            positiveProbability: 0.5,
            sentences: '[]',
            sentenceCount: 0,
            source: 'e2e-resume',
            jobId: job.id,
            rowNumber: row,
            model: 'sentiment-head',
            modelVersion: 'before-crash',
          },
        }),
      ),
    );
    expect((await call('GET', `${api.url}/api/jobs/${job.id}/results`)).status).toBe(409);

    const restarted = await startApi({ SENTIMENT_DATABASE_URL: db.url, GATEWAY_URL: gateway.url, GATEWAY_API_KEY: SENTIMENT_KEY });
    try {
      const finished = await waitFor('the resumed job', async () => {
        const { body } = await call('GET', `${restarted.url}/api/jobs/${job.id}`);
        return body.status === 'succeeded' ? body : undefined;
      });
      expect(finished).toMatchObject({ done: 5, total: 5, progress: 1 });
      const stored = await db.client.sentimentAnalysis.findMany({ where: { jobId: job.id }, orderBy: { rowNumber: 'asc' } });
      expect(stored.map((r) => r.rowNumber)).toEqual([1, 2, 3, 4, 5]);
      expect(stored.slice(0, 2).map((r) => [r.id, r.modelVersion])).toEqual(kept.map((r) => [r.id, 'before-crash']));
      expect(stored.slice(2).map((r) => r.label)).toEqual(['POSITIVE', 'NEGATIVE', 'POSITIVE']);
    } finally {
      await restarted.close();
    }
  });

  it('without a model to serve: not ready with the reason, and 503 saying why, storing nothing', async () => {
    const unserved = await startApi(
      {
        SENTIMENT_DATABASE_URL: db.url,
        GATEWAY_URL: gateway.url,
        GATEWAY_API_KEY: UNSERVED_KEY,
        SENTIMENT_MODEL: 'no-such-head',
        SENTIMENT_THREE_CLASS_MODEL: 'none',
        SENTIMENT_ASPECT_MODEL: 'none',
        LOG_LEVEL: 'fatal',
      },
      {
        artifactSource: () => {
          throw new Error('no trained sentiment head: model/sentiment-head/latest.json is missing');
        },
      },
    );
    try {
      const reason =
        'the gateway does not serve no-such-head, and there is no trained artifact to register: no trained sentiment head: model/sentiment-head/latest.json is missing';
      const ready = await call('GET', `${unserved.url}/health/ready`);
      expect(ready.status).toBe(503);
      expect(ready.body.checks.gateway.ok).toBe(true);
      expect(ready.body.checks.model).toMatchObject({ ok: false, model: 'no-such-head', reason });
      const before = await rows();
      const analyze = await call('POST', `${unserved.url}/api/analyze`, { text: POSITIVE });
      expect([analyze.status, analyze.body.code, analyze.body.error]).toEqual([
        503,
        'model_not_ready',
        `the sentiment model 'no-such-head' is not served yet: ${reason}`,
      ]);
      expect(await rows()).toBe(before);
    } finally {
      await unserved.close();
    }
  });

  it('serves OpenAPI and Prometheus metrics', async () => {
    const doc = (await call('GET', `${api.url}/docs/openapi.json`)).body;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/analyze',
        '/api/analyze/batch',
        '/api/analyze/targets',
        '/api/uploads',
        '/api/jobs/{id}',
        '/api/jobs/{id}/results',
        '/api/analyses',
        '/api/analyses/aggregates',
        '/api/analyses/aspects',
        '/api/analyses/export',
        '/api/analyses/{id}',
      ]),
    );
    expect(doc.paths['/api/analyze'].post.requestBody.content['application/json'].schema.required).toEqual(['text']);
    const metrics = (await call('GET', `${api.url}/metrics`)).text;
    expect(metrics).toMatch(/sentiment_analyses_total\{label="POSITIVE",via="analyze",service="sentiment-api"\} \d+/);
    expect(metrics).toMatch(/http_requests_total\{method="POST",route="\/api\/analyze",status="201",service="sentiment-api"\} \d+/);
  });
});
