import { GatewayError } from '@matrix/gateway-client';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { randomBytes } from 'node:crypto';
import { ProductMetrics, type RateLimitSettings } from '@matrix/product-server';
import { FakeConversationStore } from '../../test/fakes/fake-conversation-store';
import { testChatbotConfig } from '../../test/fakes/knowledge-parts';
import { ChatbotMetrics } from '../observability/chatbot-metrics';
import type { Understanding, UnderstandingService } from '../understanding/understanding.service';
import { ConversationService } from './conversation.service';
import { clarifyText, handoffText } from './reply-text';

const suggestions = [
  { intent: 'card_arrival', articleId: 'a1', title: 'Card delivery' },
  { intent: 'card_linking', articleId: 'a2', title: 'Linking a card' },
];

/** What the understanding step says about a question, by its text. */
function understanding(text: string): Understanding {
  const base = {
    text,
    intent: 'card_arrival',
    confidence: 0.9,
    top: [{ intent: 'card_arrival', score: 0.9 }],
    bestSimilarity: 0.8,
    modelVersion: 'v1',
    embedding: Float32Array.of(1, 0),
  };
  if (text.startsWith('card or link')) return { ...base, kind: 'clarify', reason: 'ambiguous', suggestions };
  if (text.startsWith('weather')) return { ...base, kind: 'handoff', reason: 'out_of_scope', bestSimilarity: 0.1 };
  return {
    ...base,
    kind: 'answer',
    citation: {
      articleId: 'a1',
      slug: 'card-delivery',
      title: 'Card delivery',
      chunkId: 'a1-c0',
      heading: null,
      text: 'Cards arrive in 5 days.',
      similarity: 0.8,
    },
  };
}

function setup(options: { ratePerMinute?: number; store?: FakeConversationStore; limits?: { settings: RateLimitSettings; storage: ThrottlerStorage } } = {}) {
  const store = options.store ?? new FakeConversationStore();
  const outage = { failWith: undefined as Error | undefined };
  const calls: string[] = [];
  const understander = {
    understand: async (texts: string[]): Promise<Understanding[]> => {
      calls.push(...texts);
      if (outage.failWith) throw outage.failWith;
      return texts.map(understanding);
    },
  } as unknown as UnderstandingService;
  const metrics = new ChatbotMetrics(new ProductMetrics('support-chatbot-api-spec', { processMetrics: false }));
  const service = new ConversationService(
    store,
    understander,
    metrics,
    { ...testChatbotConfig, ratePerMinute: options.ratePerMinute ?? 100 },
    options.limits?.settings,
    options.limits?.storage,
  );
  return { store, service, outage, calls, metrics };
}

describe('ConversationService', () => {
  it('stores the question, answers it with the cited passage, and counts the reply', async () => {
    const { service, metrics } = setup();
    const { id } = await service.create('Ann');
    const result = await service.postCustomerMessage(id, 'where is my card?');
    expect(result.message).toMatchObject({ role: 'customer', status: 'answered', intent: 'card_arrival', confidence: 0.9 });
    expect(result.reply).toMatchObject({
      role: 'bot',
      decision: 'answer',
      reason: null,
      text: 'Cards arrive in 5 days.',
      citation: { articleId: 'a1', title: 'Card delivery', similarity: 0.8 },
    });
    expect(result.conversation).toMatchObject({ status: 'bot', messageCount: 2, lastMessageAt: result.reply?.createdAt });
    expect((await metrics.replies.get()).values).toEqual([expect.objectContaining({ labels: { decision: 'answer', reason: 'none' }, value: 1 })]);
  });

  it('asks to clarify once, then hands a second ambiguous question to a human', async () => {
    const { service } = setup();
    const { id } = await service.create(undefined);
    const first = await service.postCustomerMessage(id, 'card or link?');
    expect(first.reply).toMatchObject({ decision: 'clarify', reason: 'ambiguous', text: clarifyText(suggestions), suggestions });
    const second = await service.postCustomerMessage(id, 'card or link, I said');
    expect(second.reply).toMatchObject({ decision: 'handoff', reason: 'ambiguous', text: handoffText('ambiguous') });
    expect(second.conversation).toMatchObject({ status: 'waiting_agent', handoffReason: 'ambiguous', handoffAt: second.reply?.createdAt });
  });

  it('keeps a question while the gateway is down and answers it once it is back', async () => {
    const { service, store, outage } = setup();
    const { id } = await service.create(undefined);
    outage.failWith = new GatewayError('connect ECONNREFUSED', 0, 'network');
    const kept = await service.postCustomerMessage(id, 'where is my card?');
    expect(kept).toMatchObject({ reply: null, notice: handoffText('gateway_down'), message: { status: 'pending' } });
    expect(await service.answerPending()).toBe(0);
    outage.failWith = undefined;
    expect(await service.answerPending()).toBe(1);
    expect(store.rows.map((m) => [m.role, m.status, m.decision])).toEqual([
      ['customer', 'answered', 'answer'],
      ['bot', 'answered', 'answer'],
    ]);
    expect(await service.answerPending()).toBe(0);
  });

  it('marks a question failed (not kept) when understanding fails for another reason', async () => {
    const { service, store, outage } = setup();
    const { id } = await service.create(undefined);
    outage.failWith = new Error('bug');
    await expect(service.postCustomerMessage(id, 'hello')).rejects.toThrow('bug');
    expect(store.rows.map((m) => m.status)).toEqual(['failed']);
  });

  it('does not let the bot answer while an agent has the conversation, and reopens a resolved one with the bot', async () => {
    const { service, calls } = setup();
    const { id } = await service.create(undefined);
    await service.takeOver(id, 'Bob');
    const toAgent = await service.postCustomerMessage(id, 'still there?');
    expect(toAgent).toMatchObject({ reply: null, message: { status: 'answered' }, conversation: { status: 'agent', agentName: 'Bob' } });
    expect(calls).toEqual([]);
    await service.resolve(id, 'Bob');
    const reopened = await service.postCustomerMessage(id, 'where is my card?');
    expect(reopened.conversation).toMatchObject({ status: 'bot', resolvedAt: null, resolvedBy: null });
    expect(reopened.reply?.decision).toBe('answer');
  });

  it('limits messages per conversation per minute (429)', async () => {
    const { service } = setup({ ratePerMinute: 1 });
    const { id } = await service.create(undefined);
    await service.postCustomerMessage(id, 'one');
    const error = await service.postCustomerMessage(id, 'two').catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 429, code: 'rate_limited' });
  });

  describe('with two API replicas', () => {
    const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
    const storages: ThrottlerStorageRedisService[] = [];
    afterAll(() => storages.forEach((s) => s.redis.disconnect()));

    it('in production mode (Redis) they share one limit per conversation', async () => {
      // A unique prefix per test run: nothing else's counters are touched.
      const settings: RateLimitSettings = {
        windowMs: 60_000,
        limits: { 'sign-in': 10, public: 10, visitor: 10, staff: 10 },
        storage: { kind: 'redis', url: redisUrl, prefix: `spec-${randomBytes(6).toString('hex')}` },
      };
      const replica = () => {
        const storage = new ThrottlerStorageRedisService(redisUrl, { maxRetriesPerRequest: 1 });
        storages.push(storage);
        return storage;
      };
      const store = new FakeConversationStore();
      const a = setup({ ratePerMinute: 2, store, limits: { settings, storage: replica() } }).service;
      const b = setup({ ratePerMinute: 2, store, limits: { settings, storage: replica() } }).service;
      const { id } = await a.create(undefined);
      await a.postCustomerMessage(id, 'one');
      await b.postCustomerMessage(id, 'two');
      const refused = await b.postCustomerMessage(id, 'three').catch((e: unknown) => e);
      expect(refused).toMatchObject({ status: 429, code: 'rate_limited', headers: { 'retry-after': expect.stringMatching(/^\d+$/) } });
      expect(await a.postCustomerMessage(id, 'four').catch((e: unknown) => e)).toMatchObject({ status: 429 });
      // Another conversation has its own limit.
      const other = await b.create(undefined);
      await expect(a.postCustomerMessage(other.id, 'hello')).resolves.toMatchObject({ message: { text: 'hello' } });
    });

    it('embedded (no Redis) each process counts in memory on its own', async () => {
      const store = new FakeConversationStore();
      const a = setup({ ratePerMinute: 1, store }).service;
      const b = setup({ ratePerMinute: 1, store }).service;
      const { id } = await a.create(undefined);
      await a.postCustomerMessage(id, 'one');
      await b.postCustomerMessage(id, 'two');
      await expect(a.postCustomerMessage(id, 'three')).rejects.toMatchObject({ status: 429 });
    });
  });

  it('hands off on "escalate" once, and takes feedback on bot answers only', async () => {
    const { service } = setup();
    const { id } = await service.create(undefined);
    const { reply, message } = await service.postCustomerMessage(id, 'where is my card?');
    const escalated = await service.feedback(id, reply?.id ?? '', 'escalate');
    expect(escalated).toMatchObject({ status: 'waiting_agent', handoffReason: 'customer_request' });
    const again = await service.feedback(id, reply?.id ?? '', 'escalate');
    expect(again.messages.filter((m) => m.decision === 'handoff')).toHaveLength(1);
    expect(again.messages.find((m) => m.id === reply?.id)?.feedback).toBe('escalated');
    await expect(service.feedback(id, message.id, 'resolved')).rejects.toMatchObject({ status: 422, code: 'not_a_bot_message' });
    await expect(service.feedback(id, 'nope', 'resolved')).rejects.toMatchObject({ status: 404 });
  });

  it('lets one agent at a time take over and reply, keeping the first handoff time', async () => {
    const { service } = setup();
    const { id } = await service.create(undefined);
    const handedOff = await service.postCustomerMessage(id, 'weather today?');
    await expect(service.agentReply(id, 'Bob', 'hi')).rejects.toMatchObject({ status: 409 });
    const taken = await service.takeOver(id, 'Bob');
    expect(taken).toMatchObject({ status: 'agent', agentName: 'Bob', handoffReason: 'out_of_scope', handoffAt: handedOff.conversation.handoffAt });
    expect(taken.messages.at(-1)).toMatchObject({ role: 'system', text: 'Bob joined the conversation.' });
    await expect(service.takeOver(id, 'Eve')).rejects.toMatchObject({ status: 409, message: 'Bob already handles this conversation' });
    await expect(service.agentReply(id, 'Eve', 'hi')).rejects.toMatchObject({ status: 409 });
    const replied = await service.agentReply(id, 'Bob', 'Let me check.');
    expect(replied.messages.at(-1)).toMatchObject({ role: 'agent', text: 'Let me check.', agentName: 'Bob' });
    expect(await service.release(id)).toMatchObject({ status: 'bot', agentName: null });
  });

  it('returns only the messages after a given one (polling), and 404 for a message of another conversation', async () => {
    const { service } = setup();
    const { id } = await service.create(undefined);
    const { message, reply } = await service.postCustomerMessage(id, 'where is my card?');
    expect((await service.get(id, message.id)).messages.map((m) => m.id)).toEqual([reply?.id]);
    const other = await service.create(undefined);
    await expect(service.get(other.id, message.id)).rejects.toMatchObject({ status: 404 });
    await expect(service.get('missing')).rejects.toMatchObject({ status: 404 });
  });
});
