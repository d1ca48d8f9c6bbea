import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@matrix/db';
import { manifestWithModels, startGatewayProcess, type GatewayProcess } from '@matrix/dev-harness';
import { loadDemoKnowledgeBase } from '../src/knowledge/demo-knowledge-base';
import { latestIntentArtifact } from '../src/model/intent-artifact';
import { call, startApi, Unpluggable, visitorCall, waitFor, type Json, type RunningApi } from './support/harness';

// The chatbot API in-process on a temp SQLite database, through the REAL inference gateway (a
// child process serving USE embeddings) reached via a relay the test can unplug. At boot the API
// registers the shipped intent heads (apps/support-chatbot-api/model) and seeds the demo bank
// knowledge base, as in production.

const RATE_PER_MINUTE = 6;

describe('support-chatbot-api through the real gateway', () => {
  let gateway: GatewayProcess;
  let relay: Unpluggable;
  let db: TestDatabase;
  let api: RunningApi;
  const artifact = latestIntentArtifact();
  const demo = loadDemoKnowledgeBase();
  const url = (path: string) => `${api.url}${path}`;
  /** Each conversation's visitor token (issue 14), by conversation id. */
  const tokens = new Map<string, string>();
  const newConversation = async (customerName?: string) => {
    const { body } = await call('POST', url('/api/conversations'), customerName ? { customerName } : {});
    tokens.set(body.id, body.token);
    return body.id as string;
  };
  /** A visitor's request on their own conversation (its token in x-conversation-token). */
  const visitor = (method: string, id: string, path: string, body?: unknown) =>
    visitorCall(method, url(`/api/conversations/${id}${path}`), tokens.get(id), body);
  const ask = (id: string, text: string) => visitor('POST', id, '/messages', { text });

  beforeAll(async () => {
    [gateway, db] = await Promise.all([
      startGatewayProcess({ MODEL_MANIFEST: manifestWithModels(['use-lite-en']), GATEWAY_MODEL_STORE: mkdtempSync(join(tmpdir(), 'chatbot-store-')) }),
      createTestDatabase('sqlite'),
    ]);
    relay = new Unpluggable(new URL(gateway.url));
    const gatewayUrl = await relay.start();
    api = await startApi({
      SUPPORT_CHATBOT_DATABASE_URL: db.url,
      GATEWAY_URL: gatewayUrl,
      CHATBOT_RETRY_MS: '300',
      CHATBOT_RATE_PER_MINUTE: String(RATE_PER_MINUTE),
      CHATBOT_MAX_MESSAGE_CHARS: '500',
    });
    await waitFor(
      'the API to be ready with the seeded knowledge base',
      async () => {
        const ready = await call('GET', url('/health/ready'));
        const articles = await call('GET', url('/api/articles?pageSize=1&indexStatus=embedded'));
        return ready.status === 200 && articles.body.total === demo.length ? true : undefined;
      },
      60_000,
    );
  }, 90_000);

  afterAll(async () => {
    await api?.close();
    await relay?.stop();
    await gateway?.stop();
    await db?.drop();
  });

  it('is ready once the gateway serves both intent heads and the demo knowledge base is embedded', async () => {
    const { body } = await call('GET', url('/health/ready'));
    expect(body).toMatchObject({ ready: true, checks: { 'intent-model': { ok: true, version: artifact.version }, 'knowledge-base': { ok: true } } });
    const model = await call('GET', url('/api/understand/model'));
    expect(model.body).toMatchObject({ version: artifact.version, labels: 77, rule: { threshold: 0.3, gap: 0.1 }, served: true });
    expect(model.body.members.map((m: Json) => m.model)).toEqual(['chatbot-intent-use', 'chatbot-intent-ngram']);
    const openapi = await call('GET', url('/docs/openapi.json'));
    expect(Object.keys(openapi.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/conversations/{id}/messages',
        '/api/agent/conversations/{id}/takeover',
        '/api/articles/import',
        '/api/understand',
        '/api/analytics',
      ]),
    );
  });

  let answered: { conversation: string; reply: Json };
  let handedOff: string;

  it('answers a customer question with the passage of the right article, cited', async () => {
    const id = await newConversation('Ada');
    const { status, body } = await ask(id, 'I ordered my card two weeks ago and it still has not arrived');
    expect(status).toBe(201);
    expect(body.message).toMatchObject({ role: 'customer', status: 'answered', intent: 'card_arrival', decision: 'answer' });
    const article = demo.find((a) => a.intent === 'card_arrival');
    expect(body.reply).toMatchObject({ role: 'bot', decision: 'answer', intent: 'card_arrival', citation: { title: article?.title } });
    expect(body.reply.confidence).toBeGreaterThanOrEqual(0.3);
    // The reply is a passage of the cited article, word for word.
    expect(article?.body.replace(/\s+/g, ' ')).toContain(body.reply.text.replace(/\s+/g, ' ').slice(0, 80));
    const cited = await call('GET', url(`/api/articles/${body.reply.citation.articleId}`));
    expect(cited.body.chunks.map((c: Json) => c.id)).toContain(body.reply.citation.chunkId);
    answered = { conversation: id, reply: body.reply };
    // Answered exactly once, although the retry loop (every 300 ms here) also looks for pending messages.
    await new Promise((resolve) => setTimeout(resolve, 700));
    const stored = await visitor('GET', id, '');
    expect(stored.body.messages.map((m: Json) => m.role)).toEqual(['customer', 'bot']);
  });

  it('hands a nonsense question to a human, with the reason', async () => {
    const id = await newConversation();
    const { status, body } = await ask(id, 'purple elephants sing loudly under the frozen moon');
    expect(status).toBe(201);
    expect(body.reply).toMatchObject({ role: 'bot', decision: 'handoff' });
    expect(['out_of_scope', 'low_confidence']).toContain(body.reply.reason);
    expect(body.conversation).toMatchObject({ status: 'waiting_agent', handoffReason: body.reply.reason });
    handedOff = id;
  });

  it('lets an agent take over from the queue and reply; the customer sees the reply; the bot stays quiet', async () => {
    const queue = await call('GET', url('/api/agent/conversations?status=waiting_agent'));
    expect(queue.body.items.map((c: Json) => c.id)).toContain(handedOff);
    const early = await call('POST', url(`/api/agent/conversations/${handedOff}/messages`), { agentName: 'Grace', text: 'Hello!' });
    expect(early.status).toBe(409);
    const taken = await call('POST', url(`/api/agent/conversations/${handedOff}/takeover`), { agentName: 'Grace' });
    expect(taken.body).toMatchObject({ status: 'agent', agentName: 'Grace' });
    const other = await call('POST', url(`/api/agent/conversations/${handedOff}/takeover`), { agentName: 'Linus' });
    expect(other.status).toBe(409);
    const last = taken.body.messages[taken.body.messages.length - 1].id;
    const replied = await call('POST', url(`/api/agent/conversations/${handedOff}/messages`), {
      agentName: 'Grace',
      text: 'Hi, I am Grace from support. How can I help?',
    });
    expect(replied.status).toBe(201);
    const seen = await visitor('GET', handedOff, `?after=${last}`);
    expect(seen.body.messages.map((m: Json) => [m.role, m.text])).toEqual([['agent', 'Hi, I am Grace from support. How can I help?']]);
    const customer = await ask(handedOff, 'I want to know about my card');
    expect(customer.status).toBe(201);
    expect(customer.body.reply).toBeNull();
    await call('POST', url(`/api/agent/conversations/${handedOff}/resolve`), { agentName: 'Grace' });
  });

  it('"resolved" under an answer closes the conversation as contained; "escalate" hands over', async () => {
    const done = await visitor('POST', answered.conversation, `/messages/${answered.reply.id}/feedback`, { value: 'resolved' });
    expect(done.body).toMatchObject({ status: 'resolved', resolvedBy: 'customer' });
    const id = await newConversation();
    const { body } = await ask(id, 'How do I activate my new card?');
    expect(body.reply.decision).toBe('answer');
    const escalated = await visitor('POST', id, `/messages/${body.reply.id}/feedback`, { value: 'escalate' });
    expect(escalated.body).toMatchObject({ status: 'waiting_agent', handoffReason: 'customer_request' });
    const bad = await visitor('POST', id, `/messages/${body.message.id}/feedback`, { value: 'resolved' });
    expect([bad.status, bad.body.code]).toEqual([422, 'not_a_bot_message']);
  });

  it('analytics reflect the conversations: containment, handoffs by reason, top intents, knowledge gaps', async () => {
    const { status, body } = await call('GET', url('/api/analytics'));
    expect(status).toBe(200);
    expect(body).toMatchObject({ conversations: 3, contained: 1, confirmedResolved: 1, handedOff: 2 });
    expect(body.containmentRate).toBeCloseTo(1 / 3, 6);
    expect(body.handoffRate).toBeCloseTo(2 / 3, 6);
    const reasons = body.handoffReasons.map((r: Json) => r.reason);
    expect(reasons).toHaveLength(2);
    expect(reasons).toEqual(expect.arrayContaining(['customer_request', expect.stringMatching(/^(out_of_scope|low_confidence)$/)]));
    expect(body.topIntents.find((t: Json) => t.intent === 'card_arrival')).toMatchObject({ count: 1, answered: 1 });
    expect(body.knowledgeGaps[0]).toMatchObject({ count: 1, representative: 'purple elephants sing loudly under the frozen moon' });
    expect(body.feedback).toEqual({ resolved: 1, escalated: 1 });
    const metrics = await fetch(url('/metrics')).then((r) => r.text());
    expect(metrics).toMatch(/chatbot_replies_total\{decision="answer",reason="none",service="support-chatbot-api"\} 2/);
  });

  it('validates messages: blank → 422, too long → 413, too many per minute → 429 with Retry-After', async () => {
    const id = await newConversation();
    const blank = await ask(id, '   ');
    expect([blank.status, blank.body.error]).toEqual([422, 'invalid body: text: text must not be empty or blank']);
    const long = await ask(id, 'a'.repeat(501));
    expect(long.status).toBe(413);
    expect(long.body.error).toMatch(/a message may have at most 500/);
    const missing = await visitorCall('POST', url('/api/conversations/nope/messages'), tokens.get(id), { text: 'hello' });
    expect(missing.status).toBe(404);
    const statuses: number[] = [];
    for (let i = 0; i < RATE_PER_MINUTE; i++) statuses.push((await ask(id, `What is the exchange rate ${i}?`)).status);
    expect(statuses.every((s) => s === 201)).toBe(true);
    const limited = await ask(id, 'one more');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('scopes a chat visitor to their own conversation: its token only (none → 401, another conversation’s → 404)', async () => {
    const created = await call('POST', url('/api/conversations'), {});
    expect(created.status).toBe(201);
    const { id: mine, token } = created.body;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes, base64url
    tokens.set(mine, token);
    const other = await newConversation();
    // Only the token's SHA-256 is stored; reads never show the token again.
    const row = await db.client.chatbotConversation.findUnique({ where: { id: mine } });
    expect(row?.accessTokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(token);
    const own = await visitor('GET', mine, '');
    expect(own.status).toBe(200);
    expect(own.body.token).toBeUndefined();
    const answer = await ask(mine, 'How do I activate my new card?');
    expect(answer.status).toBe(201);
    const routes: Array<[string, string, unknown]> = [
      ['GET', '', undefined],
      ['POST', '/messages', { text: 'hello' }],
      ['POST', `/messages/${answer.body.reply.id}/feedback`, { value: 'escalate' }],
    ];
    for (const [method, path, body] of routes) {
      const none = await visitorCall(method, url(`/api/conversations/${mine}${path}`), undefined, body);
      expect([method, path, none.status, none.body.code]).toEqual([method, path, 401, 'unauthenticated']);
      const foreign = await visitorCall(method, url(`/api/conversations/${mine}${path}`), tokens.get(other), body);
      expect([method, path, foreign.status, foreign.body.code]).toEqual([method, path, 404, 'not_found']);
      const forged = await visitorCall(method, url(`/api/conversations/${mine}${path}`), `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`, body);
      expect([method, path, forged.status]).toEqual([method, path, 404]);
    }
    // The refused calls changed nothing: one question, one answer.
    expect((await visitor('GET', mine, '')).body.messages.map((m: Json) => m.role)).toEqual(['customer', 'bot']);
  });

  it('keeps the customer’s message when the gateway is down, says so, and answers it when the gateway is back', async () => {
    const id = await newConversation();
    relay.unplug();
    try {
      const { status, body } = await ask(id, 'Which currencies can I hold in my account?');
      expect(status).toBe(202);
      expect(body.message).toMatchObject({ status: 'pending', text: 'Which currencies can I hold in my account?' });
      expect(body.reply).toBeNull();
      expect(body.notice).toMatch(/saved and will be answered/);
    } finally {
      relay.plugIn();
    }
    const conversation = await waitFor('the kept message to be answered', async () => {
      const { body } = await visitor('GET', id, '');
      return body.messages.some((m: Json) => m.role === 'bot') ? body : undefined;
    });
    expect(conversation.messages.map((m: Json) => [m.role, m.status])).toEqual([
      ['customer', 'answered'],
      ['bot', 'answered'],
    ]);
    expect(conversation.messages[1]).toMatchObject({ decision: 'answer', intent: 'fiat_currency_support' });
  });

  it('knowledge base: create, search, edit (re-embedded), import Markdown and CSV, delete', async () => {
    const created = await call('POST', url('/api/articles'), {
      title: 'Branch opening hours',
      body: 'Our London branch is open Monday to Friday, 9:00 to 17:00.\n\n## Weekends\n\nClosed on weekends and bank holidays.',
      category: 'Branches',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ slug: 'branch-opening-hours', indexStatus: 'embedded', chunkCount: 2 });
    const duplicate = await call('POST', url('/api/articles'), { title: 'Branch opening hours', body: 'x' });
    expect(duplicate.status).toBe(409);
    const search = await call('GET', url(`/api/articles/search?q=${encodeURIComponent('when is the London branch open?')}&k=3`));
    expect(search.body.hits[0]).toMatchObject({ articleId: created.body.id, heading: null });
    const before = created.body.chunks.map((c: Json) => c.id);
    const edited = await call('PUT', url(`/api/articles/${created.body.id}`), { body: 'Our London branch is open every day from 8:00 to 20:00.' });
    expect(edited.body).toMatchObject({ chunkCount: 1, indexStatus: 'embedded' });
    expect(edited.body.chunks[0].id).not.toBe(before[0]);
    const markdown =
      '# Safe deposit boxes\n<!-- category: Branches -->\n\nWe do not rent safe deposit boxes.\n\n# Coin counting\n\nBranches do not count coins.';
    const md = await call('POST', url('/api/articles/import'), markdown, 'text/markdown');
    expect(md.body).toMatchObject({ created: 2, updated: 0, unchanged: 0, pending: 0 });
    const again = await call('POST', url('/api/articles/import'), markdown, 'text/markdown');
    expect(again.body).toMatchObject({ created: 0, unchanged: 2 });
    const csv = await call('POST', url('/api/articles/import'), 'title,body\nCoin counting,"Branches count coins up to £50 a day."\n', 'text/csv');
    expect(csv.body).toMatchObject({ created: 0, updated: 1 });
    const invalid = await call('POST', url('/api/articles/import'), [{ title: 'x' }], 'application/json');
    expect([invalid.status, invalid.body.error]).toEqual([422, 'the import has 1 problem; nothing was imported: article 1: body: body is required']);
    expect((await call('DELETE', url(`/api/articles/${created.body.id}`))).status).toBe(204);
    expect((await call('GET', url(`/api/articles/${created.body.id}`))).status).toBe(404);
  });

  it('knowledge-base imports that are not UTF-8: 415 saying to re-save as UTF-8 and nothing imported; decoded when the charset is declared', async () => {
    const total = async () => (await call('GET', url('/api/articles?pageSize=1'))).body.total as number;
    const before = await total();
    const markdown = Buffer.from('# Cartes bancaires\n\nLa carte est envoyée par la poste en trois à cinq jours.\n', 'latin1');
    const refused = await call('POST', url('/api/articles/import'), markdown, 'text/markdown');
    expect([refused.status, refused.body.code]).toEqual([415, 'not_utf8']);
    expect(refused.body.error).toMatch(/^the file is not valid UTF-8 \(first invalid byte at line 3, byte offset \d+\): re-save it as UTF-8/);
    const csv = Buffer.from('title,body\nCarte perdue,"Appelez-nous: la carte est bloquée."\n', 'latin1');
    const refusedCsv = await call('POST', url('/api/articles/import'), csv, 'text/csv');
    expect([refusedCsv.status, refusedCsv.body.code]).toEqual([415, 'not_utf8']);
    const json = Buffer.concat([Buffer.from('[{"title":"Carte","body":"bloqu'), Buffer.from([0xe9]), Buffer.from('e"}]')]);
    const refusedJson = await call('POST', url('/api/articles/import'), json, 'application/json');
    expect([refusedJson.status, refusedJson.body.code]).toEqual([400, 'invalid_utf8']);
    expect(await total()).toBe(before);

    const declared = await call('POST', url('/api/articles/import'), markdown, 'text/markdown; charset=iso-8859-1');
    expect(declared.body).toMatchObject({ created: 1 });
    const stored = (await call('GET', url('/api/articles?q=Cartes%20bancaires'))).body.items;
    const article = stored.find((a: Json) => a.title === 'Cartes bancaires');
    expect((await call('GET', url(`/api/articles/${article.id}`))).body.body).toContain('La carte est envoyée par la poste en trois à cinq jours.');
    expect(await total()).toBe(before + 1);
  });
});
