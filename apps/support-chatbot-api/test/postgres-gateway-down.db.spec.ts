import { createServer } from 'node:net';
import { createTestDatabase, type TestDatabase } from '@matrix/db';
import { bytesToVector, vectorToBytes } from '../src/knowledge/embedding-bytes';
import { PgVectorIndex, toPgVector } from '../src/knowledge/pgvector-index';
import { call, startApi, visitorCall, type RunningApi } from './support/harness';

// The API on PostgreSQL (the production provider, in its own schema) with the inference gateway unreachable: the
// schema works there, nothing a person sends is lost (articles saved for later embedding,
// customer messages kept), and the vector index falls back to in-process when the server has no
// pgvector extension — which this test prints, so a reader knows which path ran.

/** A port nobody listens on: connections are refused at once, like a gateway that is down. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('support-chatbot-api on PostgreSQL while the gateway is down', () => {
  let db: TestDatabase;
  let api: RunningApi;

  beforeAll(async () => {
    // As in production: one DATABASE_URL, the chatbot in its own schema of it (db.client works in that schema too).
    db = await createTestDatabase('postgresql', { schema: 'support_chatbot' });
    const shared = new URL(db.url);
    shared.searchParams.delete('schema');
    api = await startApi({
      DATABASE_URL: shared.toString(),
      GATEWAY_URL: `http://127.0.0.1:${await closedPort()}`,
      CHATBOT_SEED_KB: 'false',
      CHATBOT_RETRY_MS: '60000',
    });
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  it('says which vector index serves PostgreSQL here', async () => {
    const pgvector = await PgVectorIndex.available(db.client);
    console.log(
      `pgvector extension ${pgvector ? 'available: the pgvector index is used' : 'not installed on this PostgreSQL server: the in-process index is used (CHATBOT_VECTOR_INDEX=auto)'}`,
    );
    const ready = await call('GET', `${api.url}/health/ready`);
    expect(ready.status).toBe(503);
    expect(ready.body.checks['intent-model']).toMatchObject({ ok: false, reason: expect.stringMatching(/cannot reach the inference gateway/) });
  });

  it('saves an article while the gateway is down, to be embedded later', async () => {
    const { status, body } = await call('POST', `${api.url}/api/articles`, {
      title: 'Card delivery',
      body: 'Cards arrive in 3–5 working days.\n\n## Abroad\n\nUp to 10 working days.',
      intent: 'card_arrival',
    });
    expect(status).toBe(201);
    expect(body).toMatchObject({ indexStatus: 'pending', chunkCount: 2 });
    expect(body.chunks.every((c: { embedded: boolean }) => !c.embedded)).toBe(true);
    const listed = await call('GET', `${api.url}/api/articles?indexStatus=pending`);
    expect(listed.body.total).toBe(1);
  });

  it('keeps a customer message (202) and tells the customer', async () => {
    const conversation = await call('POST', `${api.url}/api/conversations`, { customerName: 'Ada' });
    const { status, body } = await visitorCall('POST', `${api.url}/api/conversations/${conversation.body.id}/messages`, conversation.body.token, {
      text: 'Where is my card?',
    });
    expect(status).toBe(202);
    expect(body).toMatchObject({ message: { status: 'pending', text: 'Where is my card?' }, reply: null });
    expect(body.notice).toMatch(/briefly unavailable/);
    expect(await db.client.chatbotMessage.count({ where: { status: 'pending' } })).toBe(1);
  });

  it('stores float32 vectors as bytes and back, exactly (the Bytes column on PostgreSQL)', async () => {
    const vector = Float32Array.from([0.25, -1.5, 3e-8, 42]);
    const article = await db.client.chatbotArticle.create({ data: { slug: 'bytes', title: 'bytes', body: 'x', contentHash: 'h' } });
    const chunk = await db.client.chatbotChunk.create({
      data: { articleId: article.id, position: 0, text: 'x', embedding: vectorToBytes(vector), dimensions: 4 },
    });
    const read = await db.client.chatbotChunk.findUniqueOrThrow({ where: { id: chunk.id } });
    expect(Array.from(bytesToVector(read.embedding as Uint8Array))).toEqual(Array.from(vector));
    expect(toPgVector(Float32Array.from([1, 0.5, Number.NaN]))).toBe('[1,0.5,0]');
  });
});
