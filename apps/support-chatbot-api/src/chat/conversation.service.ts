import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { withTransaction, type DbClient, type DbTransaction, type Prisma } from '@matrix/db';
import { ApiError, InjectDb, isTransient, notFound, toSkipTake, type PageRequest } from '@matrix/product-server';
import { CHATBOT_CONFIG, type ChatbotConfig } from '../config/chatbot-config';
import { vectorToBytes } from '../knowledge/embedding-bytes';
import { ChatbotMetrics } from '../observability/chatbot-metrics';
import { UnderstandingService, type Understanding } from '../understanding/understanding.service';
import type { PostResult } from '@matrix/chatbot-contract';
import { toConversation, toMessage, type Conversation, type ConversationStatus, type ConversationWithMessages, type Message } from './conversation-dto';

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
  private readonly limiter: SlidingWindowLimiter;
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private retrying = false;
  /** Customer messages a request is answering right now: the retry loop leaves them alone. */
  private readonly answering = new Set<string>();

  constructor(
    @InjectDb() private readonly db: DbClient,
    private readonly understanding: UnderstandingService,
    private readonly metrics: ChatbotMetrics,
    @Inject(CHATBOT_CONFIG) private readonly config: ChatbotConfig,
  ) {
    this.limiter = new SlidingWindowLimiter(config.ratePerMinute, 60_000);
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

  private async row(id: string) {
    const row = await this.db.chatbotConversation.findUnique({ where: { id }, include: { _count: { select: { messages: true } } } });
    if (!row) throw notFound('conversation', id);
    return row;
  }

  async create(customerName: string | undefined): Promise<ConversationWithMessages> {
    const row = await this.db.chatbotConversation.create({ data: { customerName: customerName ?? null }, include: { _count: { select: { messages: true } } } });
    return { ...toConversation(row), messages: [] };
  }

  /** A conversation with its messages (newest 500), optionally only those after a message id (polling). */
  async get(id: string, after?: string): Promise<ConversationWithMessages> {
    const row = await this.row(id);
    let since: Date | undefined;
    if (after) {
      const anchor = await this.db.chatbotMessage.findFirst({ where: { id: after, conversationId: id }, select: { createdAt: true } });
      if (!anchor) throw new ApiError(404, 'not_found', `message '${after}' is not in conversation '${id}'`);
      since = anchor.createdAt;
    }
    const messages = await this.db.chatbotMessage.findMany({
      where: { conversationId: id, ...(since ? { createdAt: { gte: since }, id: { not: after } } : {}) },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: MAX_MESSAGES,
    });
    return { ...toConversation(row), messages: messages.reverse().map(toMessage) };
  }

  /** The customer writes: stored first; then the bot answers (unless a human has the conversation). */
  async postCustomerMessage(id: string, text: string): Promise<PostResult> {
    const conversation = await this.row(id);
    const wait = this.limiter.take(id);
    if (wait > 0) {
      throw new ApiError(429, 'rate_limited', `too many messages: at most ${this.config.ratePerMinute} per minute in one conversation; try again in ${wait} s`, undefined, { 'retry-after': String(wait) });
    }
    const botActive = conversation.status === 'bot' || conversation.status === 'resolved';
    const stored = await withTransaction(this.db, async (tx) => {
      const message = await tx.chatbotMessage.create({ data: { conversationId: id, role: 'customer', text, status: botActive ? 'pending' : 'answered' } });
      // A resolved conversation reopens with the bot when the customer writes again.
      await tx.chatbotConversation.update({ where: { id }, data: { lastMessageAt: message.createdAt, ...(conversation.status === 'resolved' ? { status: 'bot', resolvedAt: null, resolvedBy: null } : {}) } });
      return message;
    });
    if (!botActive) return { conversation: toConversation(await this.row(id)), message: toMessage(stored), reply: null };
    this.answering.add(stored.id);
    try {
      const [understood] = await this.understanding.understand([text]);
      const reply = await this.storeReply(id, stored.id, understood);
      // null: the retry loop answered it first (a slow request); the reply is in the conversation.
      const message = await this.db.chatbotMessage.findUniqueOrThrow({ where: { id: stored.id } });
      return { conversation: toConversation(await this.row(id)), message: toMessage(message), reply };
    } catch (error) {
      if (!isTransient(error)) {
        // Not a passing outage (e.g. a bug): the message must not wait for a retry that cannot help.
        await this.db.chatbotMessage.update({ where: { id: stored.id }, data: { status: 'failed' } });
        throw error;
      }
      this.logger.warn(`kept message ${stored.id} for later: ${(error as Error).message}`);
      this.metrics.keptMessages.inc();
      return { conversation: toConversation(await this.row(id)), message: toMessage(stored), reply: null, notice: handoffText('gateway_down') };
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
    return withTransaction(this.db, async (tx) => {
      const understanding = { intent: u.intent, confidence: u.confidence, topIntents: JSON.stringify(u.top), modelVersion: u.modelVersion };
      const previousBot = await tx.chatbotMessage.findFirst({ where: { conversationId, role: 'bot' }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
      // Two ambiguous questions in a row: a human helps instead of a third guess.
      const kind = u.kind === 'clarify' && previousBot?.decision === 'clarify' ? 'handoff' : u.kind;
      const reason = kind === 'answer' ? null : (u.reason ?? null);
      const text = kind === 'answer' ? (u.citation?.text ?? '') : kind === 'clarify' ? clarifyText(u.suggestions ?? []) : handoffText(u.reason ?? 'low_confidence');
      const claimed = await tx.chatbotMessage.updateMany({ where: { id: customerMessageId, status: 'pending' }, data: { ...understanding, status: 'answered', decision: kind, reason, embedding: vectorToBytes(u.embedding) } });
      if (claimed.count === 0) return null;
      const reply = await tx.chatbotMessage.create({
        data: {
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
        },
      });
      await tx.chatbotConversation.update({
        where: { id: conversationId },
        data: { lastMessageAt: reply.createdAt, ...(kind === 'handoff' ? { status: 'waiting_agent', handoffReason: reason, handoffAt: reply.createdAt } : {}) },
      });
      this.metrics.replies.inc({ decision: kind, reason: reason ?? 'none' });
      this.metrics.confidence.observe(u.confidence);
      return toMessage(reply);
    });
  }

  /** Answers customer messages kept while the assistant was unavailable, oldest first; stops at the first outage. */
  async answerPending(): Promise<number> {
    if (this.retrying) return 0;
    this.retrying = true;
    let answered = 0;
    try {
      const pending = await this.db.chatbotMessage.findMany({ where: { role: 'customer', status: 'pending' }, orderBy: { createdAt: 'asc' }, take: 20 });
      for (const message of pending) {
        if (this.answering.has(message.id)) continue;
        const conversation = await this.db.chatbotConversation.findUnique({ where: { id: message.conversationId }, select: { status: true } });
        if (conversation?.status !== 'bot') {
          await this.db.chatbotMessage.update({ where: { id: message.id }, data: { status: 'answered' } });
          continue;
        }
        try {
          const [understood] = await this.understanding.understand([message.text]);
          await this.storeReply(message.conversationId, message.id, understood);
          answered++;
        } catch (error) {
          if (isTransient(error)) break;
          await this.db.chatbotMessage.update({ where: { id: message.id }, data: { status: 'failed' } });
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
    const message = await this.db.chatbotMessage.findFirst({ where: { id: messageId, conversationId } });
    if (!message) throw new ApiError(404, 'not_found', `message '${messageId}' is not in conversation '${conversationId}'`);
    if (message.role !== 'bot') throw new ApiError(422, 'not_a_bot_message', 'feedback is given on the bot’s answers only');
    await withTransaction(this.db, async (tx) => {
      await tx.chatbotMessage.update({ where: { id: messageId }, data: { feedback: value === 'resolved' ? 'resolved' : 'escalated' } });
      const now = new Date();
      if (value === 'resolved') {
        await tx.chatbotConversation.update({ where: { id: conversationId }, data: { status: 'resolved', resolvedAt: now, resolvedBy: 'customer', lastMessageAt: now } });
      } else {
        await this.handOff(tx, conversationId, 'customer_request', now);
      }
    });
    return this.get(conversationId);
  }

  private async handOff(tx: DbTransaction, conversationId: string, reason: 'customer_request', at: Date): Promise<void> {
    const current = await tx.chatbotConversation.findUniqueOrThrow({ where: { id: conversationId } });
    if (current.status === 'waiting_agent' || current.status === 'agent') return;
    await tx.chatbotMessage.create({ data: { conversationId, role: 'bot', text: handoffText(reason), decision: 'handoff', reason, createdAt: at } });
    await tx.chatbotConversation.update({ where: { id: conversationId }, data: { status: 'waiting_agent', handoffReason: reason, handoffAt: at, lastMessageAt: at, resolvedAt: null, resolvedBy: null } });
  }

  // ---- agent side ----

  async list(filters: { status?: ConversationStatus; q?: string }, page: PageRequest): Promise<{ items: Conversation[]; total: number }> {
    const where: Prisma.ChatbotConversationWhereInput = {
      ...(filters.status ? { status: filters.status } : {}),
      ...(filters.q ? { messages: { some: { text: { contains: filters.q } } } } : {}),
    };
    const [rows, total] = await Promise.all([
      this.db.chatbotConversation.findMany({
        where,
        orderBy: [{ lastMessageAt: 'desc' }, { id: 'desc' }],
        include: { _count: { select: { messages: true } }, messages: { where: { role: 'customer' }, orderBy: { createdAt: 'desc' }, take: 1, select: { text: true } } },
        ...toSkipTake(page),
      }),
      this.db.chatbotConversation.count({ where }),
    ]);
    return { items: rows.map((r) => toConversation(r, r.messages[0]?.text ?? null)), total };
  }

  async takeOver(id: string, agentName: string): Promise<ConversationWithMessages> {
    const row = await this.row(id);
    if (row.status === 'agent' && row.agentName && row.agentName !== agentName) {
      throw new ApiError(409, 'conflict', `${row.agentName} already handles this conversation`);
    }
    const now = new Date();
    await withTransaction(this.db, async (tx) => {
      await tx.chatbotConversation.update({
        where: { id },
        data: { status: 'agent', agentName, takenOverAt: now, lastMessageAt: now, handoffAt: row.handoffAt ?? now, handoffReason: row.handoffReason ?? 'agent_takeover', resolvedAt: null, resolvedBy: null },
      });
      await tx.chatbotMessage.create({ data: { conversationId: id, role: 'system', text: `${agentName} joined the conversation.`, agentName, createdAt: now } });
    });
    return this.get(id);
  }

  async agentReply(id: string, agentName: string, text: string): Promise<ConversationWithMessages> {
    const row = await this.row(id);
    if (row.status !== 'agent') throw new ApiError(409, 'conflict', 'take the conversation over first (POST /api/agent/conversations/:id/takeover): the bot still has it');
    if (row.agentName !== agentName) throw new ApiError(409, 'conflict', `${row.agentName} handles this conversation`);
    await withTransaction(this.db, async (tx) => {
      const message = await tx.chatbotMessage.create({ data: { conversationId: id, role: 'agent', text, agentName } });
      await tx.chatbotConversation.update({ where: { id }, data: { lastMessageAt: message.createdAt } });
    });
    return this.get(id);
  }

  async resolve(id: string, by: string): Promise<ConversationWithMessages> {
    await this.row(id);
    const now = new Date();
    await this.db.chatbotConversation.update({ where: { id }, data: { status: 'resolved', resolvedAt: now, resolvedBy: by, lastMessageAt: now } });
    return this.get(id);
  }

  /** An agent gives the conversation back to the bot. */
  async release(id: string): Promise<ConversationWithMessages> {
    await this.row(id);
    await this.db.chatbotConversation.update({ where: { id }, data: { status: 'bot', agentName: null } });
    return this.get(id);
  }
}
