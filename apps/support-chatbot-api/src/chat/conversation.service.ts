import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import {
  ApiError,
  isTransient,
  notFound,
  RATE_LIMIT_SETTINGS,
  RATE_LIMIT_STORAGE,
  SharedWindowLimiter,
  type PageRequest,
  type RateLimitSettings,
} from '@matrix/product-server';
import { CHATBOT_CONFIG, type ChatbotConfig } from '../config/chatbot-config';
import { ChatbotMetrics } from '../observability/chatbot-metrics';
import { UnderstandingService, type Understanding } from '../understanding/understanding.service';
import type { PostResult, StartedConversation } from '@matrix/chatbot-contract';
import type { Conversation, ConversationStatus, ConversationWithMessages, Message } from './conversation-dto';
import { ConversationStore } from './conversation-store';
import { newConversationToken } from './conversation-token';

export type { PostResult } from '@matrix/chatbot-contract';
import { SlidingWindowLimiter } from './rate-limiter';
import { clarifyText, handoffText } from './reply-text';

/** Newest messages a conversation read returns. */
const MAX_MESSAGES = 500;

/**
 * Conversations and their messages: the customer's side (ask, give feedback, escalate), the
 * agent's side (take over, reply, resolve), and the retry loop that answers messages kept while the
 * gateway was unreachable. A customer message is stored before the bot thinks, so it is never lost.
 */
@Injectable()
export class ConversationService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Conversations');
  /** Messages per conversation per minute: in Redis in production mode (every replica counts against one limit), in memory otherwise. */
  private readonly limiter: { take(key: string): number | Promise<number> };
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private retrying = false;
  /** Customer messages a request is answering right now: the retry loop leaves them alone. */
  private readonly answering = new Set<string>();

  constructor(
    private readonly store: ConversationStore,
    private readonly understanding: UnderstandingService,
    private readonly metrics: ChatbotMetrics,
    @Inject(CHATBOT_CONFIG) private readonly config: ChatbotConfig,
    @Optional() @Inject(RATE_LIMIT_SETTINGS) rateLimits?: RateLimitSettings,
    @Optional() @Inject(RATE_LIMIT_STORAGE) limitStorage?: ThrottlerStorage,
  ) {
    this.limiter =
      rateLimits?.storage.kind === 'redis' && limitStorage
        ? new SharedWindowLimiter(limitStorage, rateLimits, 'chatbot-messages', config.ratePerMinute, 60_000, (error) =>
            this.logger.warn(`message limit store unavailable (${error.message}); not limiting meanwhile`),
          )
        : new SlidingWindowLimiter(config.ratePerMinute, 60_000);
  }

  onApplicationBootstrap(): void {
    this.schedule();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.answerPending().finally(() => this.schedule()), this.config.retryMs);
    this.timer.unref();
  }

  private async row(id: string, store = this.store): Promise<Conversation> {
    const row = await store.conversation(id);
    if (!row) throw notFound('conversation', id);
    return row;
  }

  /** A new conversation and its visitor token (returned here only; the store keeps its hash). */
  async create(customerName: string | undefined): Promise<StartedConversation> {
    const { token, hash } = newConversationToken();
    return { ...(await this.store.createConversation(customerName ?? null, hash)), messages: [], token };
  }

  /** A conversation with its messages (newest 500), optionally only those after a message id (polling). */
  async get(id: string, after?: string): Promise<ConversationWithMessages> {
    const row = await this.row(id);
    let since: { createdAt: Date; excludeId: string } | undefined;
    if (after) {
      const anchor = await this.store.message(id, after);
      if (!anchor) throw new ApiError(404, 'not_found', `message '${after}' is not in conversation '${id}'`);
      since = { createdAt: new Date(anchor.createdAt), excludeId: after };
    }
    return { ...row, messages: await this.store.messages(id, MAX_MESSAGES, since) };
  }

  /** The customer writes: stored first; then the bot answers (unless a human has the conversation). */
  async postCustomerMessage(id: string, text: string): Promise<PostResult> {
    const conversation = await this.row(id);
    const wait = await this.limiter.take(id);
    if (wait > 0) {
      throw new ApiError(
        429,
        'rate_limited',
        `too many messages: at most ${this.config.ratePerMinute} per minute in one conversation; try again in ${wait} s`,
        undefined,
        { 'retry-after': String(wait) },
      );
    }
    const botActive = conversation.status === 'bot' || conversation.status === 'resolved';
    const stored = await this.store.transaction(async (tx) => {
      const message = await tx.createMessage({ conversationId: id, role: 'customer', text, status: botActive ? 'pending' : 'answered' });
      // A resolved conversation reopens with the bot when the customer writes again.
      await tx.updateConversation(id, {
        lastMessageAt: new Date(message.createdAt),
        ...(conversation.status === 'resolved' ? { status: 'bot', resolvedAt: null, resolvedBy: null } : {}),
      });
      return message;
    });
    if (!botActive) return { conversation: await this.row(id), message: stored, reply: null };
    this.answering.add(stored.id);
    try {
      const [understood] = await this.understanding.understand([text]);
      const reply = await this.storeReply(id, stored.id, understood);
      // null: the retry loop answered it first (a slow request); the reply is in the conversation.
      const message = await this.store.message(id, stored.id);
      if (!message) throw notFound('message', stored.id);
      return { conversation: await this.row(id), message, reply };
    } catch (error) {
      if (!isTransient(error)) {
        // Not a passing outage (e.g. a bug): the message must not wait for a retry that cannot help.
        await this.store.updateMessage(stored.id, { status: 'failed' });
        throw error;
      }
      this.logger.warn(`kept message ${stored.id} for later: ${(error as Error).message}`);
      this.metrics.keptMessages.inc();
      return { conversation: await this.row(id), message: stored, reply: null, notice: handoffText('gateway_down') };
    } finally {
      this.answering.delete(stored.id);
    }
  }

  /**
   * Writes the understanding onto the customer message, the bot's reply, and the conversation's new
   * state, in one transaction. The customer message is claimed with a conditional update (pending →
   * answered), so a message is answered once even if a request and a retry (or two replicas) race.
   */
  private async storeReply(conversationId: string, customerMessageId: string, u: Understanding): Promise<Message | null> {
    const reply = await this.store.transaction(async (tx) => {
      const understanding = { intent: u.intent, confidence: u.confidence, topIntents: JSON.stringify(u.top), modelVersion: u.modelVersion };
      const previousBot = await tx.lastBotMessage(conversationId);
      // Two ambiguous questions in a row: a human helps instead of a third guess.
      const kind = u.kind === 'clarify' && previousBot?.decision === 'clarify' ? 'handoff' : u.kind;
      const reason = kind === 'answer' ? null : (u.reason ?? null);
      const text =
        kind === 'answer' ? (u.citation?.text ?? '') : kind === 'clarify' ? clarifyText(u.suggestions ?? []) : handoffText(u.reason ?? 'low_confidence');
      const claimed = await tx.claimPending(customerMessageId, { ...understanding, status: 'answered', decision: kind, reason, embedding: u.embedding });
      if (!claimed) return null;
      const message = await tx.createMessage({
        conversationId,
        role: 'bot',
        text,
        decision: kind,
        reason,
        ...understanding,
        articleId: kind === 'answer' ? (u.citation?.articleId ?? null) : null,
        chunkId: kind === 'answer' ? (u.citation?.chunkId ?? null) : null,
        similarity: kind === 'answer' ? (u.citation?.similarity ?? null) : u.bestSimilarity,
        citationTitle: kind === 'answer' ? (u.citation?.title ?? null) : null,
        suggestions: kind === 'clarify' ? JSON.stringify(u.suggestions ?? []) : null,
      });
      const at = new Date(message.createdAt);
      await tx.updateConversation(conversationId, {
        lastMessageAt: at,
        ...(kind === 'handoff' ? { status: 'waiting_agent', handoffReason: reason, handoffAt: at } : {}),
      });
      return message;
    });
    if (reply) {
      this.metrics.replies.inc({ decision: reply.decision ?? 'none', reason: reply.reason ?? 'none' });
      this.metrics.confidence.observe(u.confidence);
    }
    return reply;
  }

  /** Answers customer messages kept while the assistant was unavailable, oldest first; stops at the first outage. */
  async answerPending(): Promise<number> {
    if (this.retrying) return 0;
    this.retrying = true;
    let answered = 0;
    try {
      const pending = await this.store.pendingCustomerMessages(20);
      for (const message of pending) {
        if (this.answering.has(message.id)) continue;
        const conversation = await this.store.conversation(message.conversationId);
        if (conversation?.status !== 'bot') {
          await this.store.updateMessage(message.id, { status: 'answered' });
          continue;
        }
        try {
          const [understood] = await this.understanding.understand([message.text]);
          await this.storeReply(message.conversationId, message.id, understood);
          answered++;
        } catch (error) {
          if (isTransient(error)) break;
          await this.store.updateMessage(message.id, { status: 'failed' });
        }
      }
      if (answered) this.logger.log(`answered ${answered} messages kept while the assistant was unavailable`);
    } finally {
      this.retrying = false;
    }
    return answered;
  }

  /** The buttons under an answer: "resolved" closes the conversation as contained; "escalate" hands it to a human. */
  async feedback(conversationId: string, messageId: string, value: 'resolved' | 'escalate'): Promise<ConversationWithMessages> {
    await this.row(conversationId);
    const message = await this.store.message(conversationId, messageId);
    if (!message) throw new ApiError(404, 'not_found', `message '${messageId}' is not in conversation '${conversationId}'`);
    if (message.role !== 'bot') throw new ApiError(422, 'not_a_bot_message', 'feedback is given on the bot’s answers only');
    await this.store.transaction(async (tx) => {
      await tx.updateMessage(messageId, { feedback: value === 'resolved' ? 'resolved' : 'escalated' });
      const now = new Date();
      if (value === 'resolved') {
        await tx.updateConversation(conversationId, { status: 'resolved', resolvedAt: now, resolvedBy: 'customer', lastMessageAt: now });
      } else {
        await this.handOff(tx, conversationId, 'customer_request', now);
      }
    });
    return this.get(conversationId);
  }

  private async handOff(tx: ConversationStore, conversationId: string, reason: 'customer_request', at: Date): Promise<void> {
    const current = await this.row(conversationId, tx);
    if (current.status === 'waiting_agent' || current.status === 'agent') return;
    await tx.createMessage({ conversationId, role: 'bot', text: handoffText(reason), decision: 'handoff', reason, createdAt: at });
    await tx.updateConversation(conversationId, {
      status: 'waiting_agent',
      handoffReason: reason,
      handoffAt: at,
      lastMessageAt: at,
      resolvedAt: null,
      resolvedBy: null,
    });
  }

  // ---- agent side ----

  list(filters: { status?: ConversationStatus; q?: string }, page: PageRequest): Promise<{ items: Conversation[]; total: number }> {
    return this.store.page(filters, page);
  }

  async takeOver(id: string, agentName: string): Promise<ConversationWithMessages> {
    const row = await this.row(id);
    if (row.status === 'agent' && row.agentName && row.agentName !== agentName) {
      throw new ApiError(409, 'conflict', `${row.agentName} already handles this conversation`);
    }
    const now = new Date();
    await this.store.transaction(async (tx) => {
      await tx.updateConversation(id, {
        status: 'agent',
        agentName,
        takenOverAt: now,
        lastMessageAt: now,
        handoffAt: row.handoffAt ? new Date(row.handoffAt) : now,
        handoffReason: row.handoffReason ?? 'agent_takeover',
        resolvedAt: null,
        resolvedBy: null,
      });
      await tx.createMessage({ conversationId: id, role: 'system', text: `${agentName} joined the conversation.`, agentName, createdAt: now });
    });
    return this.get(id);
  }

  async agentReply(id: string, agentName: string, text: string): Promise<ConversationWithMessages> {
    const row = await this.row(id);
    if (row.status !== 'agent')
      throw new ApiError(409, 'conflict', 'take the conversation over first (POST /api/agent/conversations/:id/takeover): the bot still has it');
    if (row.agentName !== agentName) throw new ApiError(409, 'conflict', `${row.agentName} handles this conversation`);
    await this.store.transaction(async (tx) => {
      const message = await tx.createMessage({ conversationId: id, role: 'agent', text, agentName });
      await tx.updateConversation(id, { lastMessageAt: new Date(message.createdAt) });
    });
    return this.get(id);
  }

  async resolve(id: string, by: string): Promise<ConversationWithMessages> {
    await this.row(id);
    const now = new Date();
    await this.store.updateConversation(id, { status: 'resolved', resolvedAt: now, resolvedBy: by, lastMessageAt: now });
    return this.get(id);
  }

  /** An agent gives the conversation back to the bot. */
  async release(id: string): Promise<ConversationWithMessages> {
    await this.row(id);
    await this.store.updateConversation(id, { status: 'bot', agentName: null });
    return this.get(id);
  }
}
