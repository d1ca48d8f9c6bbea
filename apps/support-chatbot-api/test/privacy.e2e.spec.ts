import { createServer } from 'node:net';
import { createTestDatabase, type TestDatabase } from '@matrix/db';
import { call, startApi, waitFor, type Json, type RunningApi } from './support/harness';

// Privacy of the chatbot (issue 14), over real HTTP on a real (SQLite) database, the gateway unreachable (the customer
// messages are kept for later; nothing here needs a model): what customers and agents type is stored with e-mail,
// phone, card and IBAN replaced; an admin erases a conversation and nothing of it remains; the retention job deletes
// only conversations older than SUPPORT_CHATBOT_RETENTION_DAYS; the audit log records each staff action with actor and time.

const PII = 'My e-mail is anna.smith@example.com, phone +44 20 7946 0958, card 4111 1111 1111 1111, IBAN GB82 WEST 1234 5698 7654 32.';
const REDACTED = 'My e-mail is [email], phone [phone], card [card], IBAN [iban].';
// Whole pieces (a score such as 0.4230446679467 may contain "7946").
const PII_PIECES = ['anna.smith', 'example.com', '7946 0958', '4111 1111 1111 1111', 'GB82 WEST', '5698 7654 32'];
const DAY = 24 * 60 * 60 * 1000;

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('support-chatbot-api privacy: redaction, erasure, retention, audit', () => {
  let db: TestDatabase;
  let api: RunningApi;
  const url = (path: string) => `${api.url}${path}`;
  const started = Date.now();
  let oldId: string;
  let recentId: string;

  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    // Stored before the API starts: one conversation last active 40 days ago, one yesterday.
    const old = await db.client.chatbotConversation.create({
      data: { lastMessageAt: new Date(Date.now() - 40 * DAY), createdAt: new Date(Date.now() - 41 * DAY) },
    });
    await db.client.chatbotMessage.create({
      data: { conversationId: old.id, role: 'customer', text: 'old question', createdAt: new Date(Date.now() - 40 * DAY) },
    });
    const recent = await db.client.chatbotConversation.create({ data: { lastMessageAt: new Date(Date.now() - DAY) } });
    await db.client.chatbotMessage.create({
      data: { conversationId: recent.id, role: 'customer', text: 'recent question', createdAt: new Date(Date.now() - DAY) },
    });
    [oldId, recentId] = [old.id, recent.id];
    api = await startApi({
      SUPPORT_CHATBOT_DATABASE_URL: db.url,
      GATEWAY_URL: `http://127.0.0.1:${await closedPort()}`,
      CHATBOT_SEED_KB: 'false',
      CHATBOT_RETRY_MS: '60000',
      SUPPORT_CHATBOT_RETENTION_DAYS: '30',
    });
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  const auditEntries = async (action: string): Promise<Json[]> => {
    const { status, body } = await call('GET', url(`/api/audit?action=${action}&pageSize=100`));
    expect(status).toBe(200);
    return body.items;
  };

  /** An entry names the caller the guard authenticated (these calls carry the bootstrap token) and a time within the test. */
  const expectActorAndTime = (entry: Json) => {
    expect(entry).toMatchObject({ actorId: 'bootstrap-token', actorEmail: 'bootstrap-token' });
    expect(Date.parse(entry.at)).toBeGreaterThanOrEqual(started - 1000);
    expect(Date.parse(entry.at)).toBeLessThanOrEqual(Date.now() + 1000);
  };

  it('runs the retention job at boot: only conversations older than the window are deleted, and the run is audited', async () => {
    const job = await waitFor('the retention job to finish', async () => {
      const { body } = await call('GET', url('/api/jobs?kind=retention'));
      return body.items?.[0]?.status === 'succeeded' ? body.items[0] : undefined;
    });
    expect(job.result).toMatchObject({ retentionDays: 30, deleted: { conversations: 1 } });
    expect(await db.client.chatbotConversation.count({ where: { id: oldId } })).toBe(0);
    expect(await db.client.chatbotMessage.count({ where: { conversationId: oldId } })).toBe(0);
    expect(await db.client.chatbotConversation.count({ where: { id: recentId } })).toBe(1);
    expect(await db.client.chatbotMessage.count({ where: { conversationId: recentId } })).toBe(1);
    const [run] = await auditEntries('retention.run');
    expect(run).toMatchObject({ actorEmail: 'system', action: 'retention.run', detail: { retentionDays: 30, deleted: { conversations: 1 } } });
  });

  let conversationId: string;

  it('stores a customer message and the customer’s name redacted (read back through the API and from the database)', async () => {
    const created = await call('POST', url('/api/conversations'), { customerName: 'anna.smith@example.com' });
    expect(created.status).toBe(201);
    conversationId = created.body.id;
    // The visitor writes with the conversation's own token (shown once, when it was started).
    const posted = await call('POST', url(`/api/conversations/${conversationId}/messages`), { text: PII }, 'application/json', {
      'x-conversation-token': created.body.token,
    });
    expect(posted.status).toBe(202); // kept for the bot (the gateway is down), stored
    expect(posted.body.message.text).toBe(REDACTED);

    const { body } = await call('GET', url(`/api/agent/conversations/${conversationId}`));
    expect(body.customerName).toBe('[email]');
    expect(body.messages.find((m: Json) => m.role === 'customer').text).toBe(REDACTED);

    const rows = await db.client.chatbotMessage.findMany({ where: { conversationId } });
    expect(rows.find((m) => m.role === 'customer')?.text).toBe(REDACTED);
    const stored = JSON.stringify({ rows, conversation: await db.client.chatbotConversation.findUnique({ where: { id: conversationId } }) });
    for (const piece of PII_PIECES) expect(stored).not.toContain(piece);
  });

  it('stores an agent’s reply redacted and audits the takeover and the reply with actor and time', async () => {
    expect((await call('POST', url(`/api/agent/conversations/${conversationId}/takeover`), { agentName: 'Bea' })).status).toBe(200);
    const reply = await call('POST', url(`/api/agent/conversations/${conversationId}/messages`), {
      agentName: 'Bea',
      text: 'Call us on 020 7946 0958 or write to help@bank.example',
    });
    expect(reply.status).toBe(201);
    expect(reply.body.messages.find((m: Json) => m.role === 'agent').text).toBe('Call us on [phone] or write to [email]');

    const [takeover] = await auditEntries('conversation.taken_over');
    expect(takeover).toMatchObject({ target: `conversation:${conversationId}`, detail: { agentName: 'Bea' } });
    expectActorAndTime(takeover);
    const [answered] = await auditEntries('conversation.agent_replied');
    expect(answered).toMatchObject({ target: `conversation:${conversationId}` });
    expect(JSON.stringify(answered)).not.toContain('7946 0958');
    expectActorAndTime(answered);
  });

  it('audits article changes', async () => {
    const created = await call('POST', url('/api/articles'), { title: 'Card delivery', body: 'Cards arrive in 3–5 working days.' });
    expect(created.status).toBe(201);
    const updated = await call('PUT', url(`/api/articles/${created.body.id}`), { title: 'Card delivery', body: 'Cards arrive in 2–4 working days.' });
    expect(updated.status).toBe(200);
    expect((await call('DELETE', url(`/api/articles/${created.body.id}`))).status).toBe(204);
    for (const action of ['article.created', 'article.updated', 'article.deleted']) {
      const [entry] = await auditEntries(action);
      expect(entry).toMatchObject({ action, target: `article:${created.body.id}` });
      expectActorAndTime(entry);
    }
    const page = await call('GET', url('/api/audit?pageSize=2&page=1'));
    expect(page.body).toMatchObject({ page: 1, pageSize: 2, items: [expect.anything(), expect.anything()] });
    expect(page.body.total).toBeGreaterThanOrEqual(6);
  });

  it('erases a conversation: no row refers to it afterwards, and the audit entry names its id only', async () => {
    const messages = await db.client.chatbotMessage.count({ where: { conversationId } });
    expect(messages).toBeGreaterThanOrEqual(3); // customer, "Bea joined", agent
    const erased = await call('DELETE', url(`/api/privacy/conversations/${conversationId}`));
    expect(erased.status).toBe(200);
    expect(erased.body.erased).toEqual({ conversations: 1, messages });
    expect(await db.client.chatbotConversation.count({ where: { id: conversationId } })).toBe(0);
    expect(await db.client.chatbotMessage.count({ where: { conversationId } })).toBe(0);
    expect((await call('GET', url(`/api/agent/conversations/${conversationId}`))).status).toBe(404);
    expect((await call('DELETE', url(`/api/privacy/conversations/${conversationId}`))).status).toBe(404);

    const [entry] = await auditEntries('data.erased');
    expect(entry).toMatchObject({ target: `conversation:${conversationId}`, detail: { kind: 'conversation', conversations: 1, messages } });
    expectActorAndTime(entry);
    const log = JSON.stringify(await db.client.auditEntry.findMany());
    for (const piece of PII_PIECES) expect(log).not.toContain(piece);
  });
});
