import { createTestDatabase, type TestDatabase } from '@matrix/db';
import { manifestWithModels, startGatewayProcess, type GatewayProcess } from '@matrix/dev-harness';
import { GatewayClient } from '@matrix/gateway-client';
import { latestSentimentArtifact } from '@matrix/sentiment-model';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ANCHOR_HEAD_CONFIG, anchorHeadFiles } from './support/anchor-head';
import { call, startApi, waitFor, type Json, type RunningApi } from './support/harness';

// Privacy of the sentiment analyzer (issue 14), over real HTTP through the real gateway and a real (SQLite) database:
// texts sent one by one, in a batch and in a CSV upload are stored with e-mail, phone, card and IBAN replaced (the
// model scores the original), with sentence and aspect offsets that index the stored text; an admin erases an
// analysis; the retention job deletes only analyses older than SENTIMENT_RETENTION_DAYS; the audit log has it all.

const SENTIMENT_KEY = randomBytes(24).toString('base64url');
const HEADS = 'sentiment-head,sentiment-3class,sentiment-aspect';
const GATEWAY_API_KEYS = `sentiment:${SENTIMENT_KEY}:use-lite-en,${HEADS}:admin=${HEADS}`;
const DAY = 24 * 60 * 60 * 1000;

const PII_TEXT =
  'The staff were lovely. Mail me at anna.smith@example.com or call +44 20 7946 0958. Refund card 4111 1111 1111 1111 or IBAN GB82 WEST 1234 5698 7654 32. The breakfast was cold.';
const REDACTED = 'The staff were lovely. Mail me at [email] or call [phone]. Refund card [card] or IBAN [iban]. The breakfast was cold.';
// Whole pieces (a score such as 0.4230446679467 may contain "7946").
const PII_PIECES = ['anna.smith', 'example.com', '7946 0958', '4111 1111 1111 1111', 'GB82 WEST', '5698 7654 32'];

function trainedArtifactPresent(): boolean {
  try {
    latestSentimentArtifact();
    return true;
  } catch {
    return false;
  }
}

describe('sentiment-api privacy: redaction, erasure, retention, audit', () => {
  let gateway: GatewayProcess;
  let db: TestDatabase;
  let api: RunningApi;
  const url = (path: string) => `${api.url}${path}`;
  let oldId: string;
  let recentId: string;

  beforeAll(async () => {
    [gateway, db] = await Promise.all([
      startGatewayProcess({
        MODEL_MANIFEST: manifestWithModels(['use-lite-en']),
        GATEWAY_MODEL_STORE: mkdtempSync(join(tmpdir(), 'sentiment-privacy-')),
        GATEWAY_API_KEYS,
      }),
      createTestDatabase('sqlite'),
    ]);
    if (!trainedArtifactPresent()) {
      const client = new GatewayClient({ baseUrl: gateway.url, apiKey: SENTIMENT_KEY });
      await client.registerModel('sentiment-head', ANCHOR_HEAD_CONFIG, await anchorHeadFiles(client));
    }
    const analysis = (id: string, createdAt: Date) => ({
      id,
      text: 'fine',
      label: 'POSITIVE',
      score: 0.5,
      magnitude: 0.5,
      positiveProbability: 0.7,
      sentences: '[]',
      sentenceCount: 1,
      model: 'm',
      modelVersion: '1',
      createdAt,
    });
    oldId = 'old-analysis';
    recentId = 'recent-analysis';
    await db.client.sentimentAnalysis.createMany({ data: [analysis(oldId, new Date(Date.now() - 100 * DAY)), analysis(recentId, new Date(Date.now() - DAY))] });
    await db.client.sentimentAspect.create({
      data: {
        analysisId: oldId,
        term: 'x',
        text: 'x',
        start: 0,
        end: 1,
        contextStart: 0,
        contextEnd: 1,
        label: 'POSITIVE',
        score: 0.5,
        createdAt: new Date(Date.now() - 100 * DAY),
      },
    });
    api = await startApi({ SENTIMENT_DATABASE_URL: db.url, GATEWAY_URL: gateway.url, GATEWAY_API_KEY: SENTIMENT_KEY, SENTIMENT_RETENTION_DAYS: '90' });
    await waitFor('the API to be ready', async () => ((await call('GET', url('/health/ready'))).status === 200 ? true : undefined), 60_000);
  }, 90_000);

  afterAll(async () => {
    await api?.close();
    await gateway?.stop();
    await db?.drop();
  });

  const expectNoPii = (value: unknown) => {
    const text = JSON.stringify(value);
    for (const piece of PII_PIECES) expect(text).not.toContain(piece);
  };

  it('runs the retention job at boot: only analyses older than the window go, with their aspects', async () => {
    const job = await waitFor('the retention job to finish', async () => {
      const { body } = await call('GET', url('/api/jobs?kind=retention'));
      return body.items?.[0]?.status === 'succeeded' ? body.items[0] : undefined;
    });
    expect(job.result).toMatchObject({ retentionDays: 90, deleted: { analyses: 1 } });
    expect(await db.client.sentimentAnalysis.count({ where: { id: oldId } })).toBe(0);
    expect(await db.client.sentimentAspect.count({ where: { analysisId: oldId } })).toBe(0);
    expect(await db.client.sentimentAnalysis.count({ where: { id: recentId } })).toBe(1);
    const { body } = await call('GET', url('/api/audit?action=retention.run'));
    expect(body.items[0]).toMatchObject({ actorEmail: 'system', detail: { retentionDays: 90, deleted: { analyses: 1 } } });
  });

  it('stores a single analysis and a batch redacted, with sentence offsets into the stored text', async () => {
    const single = await call('POST', url('/api/analyze'), { text: PII_TEXT, source: 'privacy-single' });
    expect(single.status).toBe(201);
    expect(single.body.text).toBe(REDACTED);
    for (const s of single.body.sentences) expect(REDACTED.slice(s.start, s.end)).toBe(s.text);
    const batch = await call('POST', url('/api/analyze/batch'), { texts: [PII_TEXT, 'Lovely room.'], source: 'privacy-batch' });
    expect(batch.status).toBe(201);
    expect(batch.body.results.map((r: Json) => r.text)).toEqual([REDACTED, 'Lovely room.']);

    const read = await call('GET', url(`/api/analyses/${single.body.id}`));
    expect(read.body.text).toBe(REDACTED);
    const rows = await db.client.sentimentAnalysis.findMany({ where: { source: { in: ['privacy-single', 'privacy-batch'] } } });
    expect(rows).toHaveLength(3);
    expectNoPii(rows);
  });

  let csvAnalysisId: string;

  it('stores the rows of a CSV upload redacted (input, analyses, aspects with offsets into the stored text, results)', async () => {
    const csv = ['review', `"${PII_TEXT}"`, '"Lovely room, cold breakfast."', ''].join('\r\n');
    const upload = await call('POST', url('/api/uploads?aspects=true&source=privacy-csv'), csv, 'text/csv');
    expect(upload.status).toBe(202);
    const jobId = upload.body.job.id;
    const job = await waitFor('the CSV job to finish', async () => {
      const { body } = await call('GET', url(`/api/jobs/${jobId}`));
      return body.status === 'succeeded' || body.status === 'failed' ? body : undefined;
    });
    expect(job).toMatchObject({ status: 'succeeded', done: 2 });

    const listed = await call('GET', url(`/api/analyses?jobId=${jobId}`));
    expect(listed.body.items.map((r: Json) => r.text).sort()).toEqual(['Lovely room, cold breakfast.', REDACTED]);
    csvAnalysisId = listed.body.items.find((r: Json) => r.text === REDACTED).id;
    const withAspects = await call('GET', url(`/api/analyses/${csvAnalysisId}`));
    // Aspects after the PII ("staff" before it; none inside a placeholder) index the stored text.
    expect(withAspects.body.aspects.map((a: Json) => a.text)).toEqual(expect.arrayContaining(['staff', 'breakfast']));
    for (const aspect of withAspects.body.aspects) {
      expect(REDACTED.slice(aspect.start, aspect.end)).toBe(aspect.text);
      expect(REDACTED.slice(aspect.context.start, aspect.context.end)).toContain(aspect.text);
    }
    const results = await call('GET', url(`/api/jobs/${jobId}/results`));
    expect(results.text).toContain('[card]');
    expectNoPii(results.text);

    expectNoPii(await db.client.sentimentUpload.findUnique({ where: { jobId } }));
    expectNoPii(await db.client.sentimentAnalysis.findMany({ where: { jobId } }));
    expectNoPii(await db.client.sentimentAspect.findMany({ where: { source: 'privacy-csv' } }));
  });

  it('erases one analysis with its aspects and audits it by id', async () => {
    const erased = await call('DELETE', url(`/api/privacy/analyses/${csvAnalysisId}`));
    expect(erased.status).toBe(200);
    expect(erased.body.erased.analyses).toBe(1);
    expect(await db.client.sentimentAnalysis.count({ where: { id: csvAnalysisId } })).toBe(0);
    expect(await db.client.sentimentAspect.count({ where: { analysisId: csvAnalysisId } })).toBe(0);
    expect((await call('GET', url(`/api/analyses/${csvAnalysisId}`))).status).toBe(404);
    const { body } = await call('GET', url('/api/audit?action=data.erased'));
    expect(body.items[0]).toMatchObject({ target: `analysis:${csvAnalysisId}`, detail: { kind: 'analysis', analyses: 1 } });
    expect(Date.now() - Date.parse(body.items[0].at)).toBeLessThan(60_000);
    expectNoPii(body);
  });
});
