import { Injectable } from '@nestjs/common';
import { withTransaction, type DbClient, type DbTransaction, type Prisma } from '@matrix/db';
import { InjectDb, toSkipTake, type PageRequest } from '@matrix/product-server';
import { vectorToBytes } from '../knowledge/embedding-bytes';
import { toConversation, toMessage, type Conversation, type ConversationStatus, type Message } from './conversation-dto';

/** Columns a conversation change writes (dates as Date; null clears). */
export interface ConversationChange {
  status?: ConversationStatus;
  agentName?: string | null;
  takenOverAt?: Date;
  lastMessageAt?: Date;
  handoffAt?: Date;
  handoffReason?: string | null;
  resolvedAt?: Date | null;
  resolvedBy?: string | null;
}

/** A new message: the customer's, the bot's (with its understanding and citation), an agent's or a system note. */
export interface NewMessage {
  conversationId: string;
  role: Message['role'];
  text: string;
  status?: string;
  decision?: string | null;
  reason?: string | null;
  intent?: string | null;
  confidence?: number;
  topIntents?: string;
  modelVersion?: string;
  articleId?: string | null;
  chunkId?: string | null;
  similarity?: number | null;
  citationTitle?: string | null;
  suggestions?: string | null;
  agentName?: string;
  createdAt?: Date;
}

/** Columns a message change writes; `embedding` is the customer question's vector. */
export interface MessageChange {
  status?: string;
  decision?: string;
  reason?: string | null;
  intent?: string | null;
  confidence?: number;
  topIntents?: string;
  modelVersion?: string;
  feedback?: string;
  embedding?: Float32Array;
}

/** A customer message waiting for the bot. */
export interface PendingMessage {
  id: string;
  conversationId: string;
  text: string;
}

/**
 * Conversations and messages as stored (ChatbotConversation, ChatbotMessage). `transaction` runs
 * work on a store bound to one transaction, so the service keeps its decisions and the store its
 * queries; a unit spec's fake runs the work on itself.
 */
export abstract class ConversationStore {
  abstract transaction<T>(work: (store: ConversationStore) => Promise<T>): Promise<T>;
  /** `accessTokenHash`: SHA-256 of the visitor's conversation token (see conversation-token.ts). */
  abstract createConversation(customerName: string | null, accessTokenHash: string | null): Promise<Conversation>;
  abstract conversation(id: string): Promise<Conversation | null>;
  /** The stored hash of the conversation's visitor token; null when the conversation has none or does not exist. */
  abstract accessTokenHash(id: string): Promise<string | null>;
  abstract updateConversation(id: string, change: ConversationChange): Promise<void>;
  /** Conversations by the newest message first, each with its last customer message. */
  abstract page(filters: { status?: ConversationStatus; q?: string }, page: PageRequest): Promise<{ items: Conversation[]; total: number }>;
  abstract createMessage(message: NewMessage): Promise<Message>;
  /** A message, only if it belongs to the conversation. */
  abstract message(conversationId: string, id: string): Promise<Message | null>;
  /** The newest `limit` messages (after `since`, excluding its own message), oldest first. */
  abstract messages(conversationId: string, limit: number, since?: { createdAt: Date; excludeId: string }): Promise<Message[]>;
  abstract lastBotMessage(conversationId: string): Promise<Message | null>;
  abstract updateMessage(id: string, change: MessageChange): Promise<void>;
  /** Applies the change only while the message is still pending; false when someone answered it first. */
  abstract claimPending(id: string, change: MessageChange): Promise<boolean>;
  /** Customer messages still pending, oldest first. */
  abstract pendingCustomerMessages(limit: number): Promise<PendingMessage[]>;
}

const NEWEST_FIRST: Prisma.ChatbotMessageOrderByWithRelationInput[] = [{ createdAt: 'desc' }, { id: 'desc' }];
const WITH_COUNT = { _count: { select: { messages: true } } } as const;

function messageData({ embedding, ...change }: MessageChange): Prisma.ChatbotMessageUpdateManyMutationInput {
  return { ...change, ...(embedding ? { embedding: vectorToBytes(embedding) } : {}) };
}

/** The queries on one Prisma client or open transaction (a nested `transaction` joins it). */
class ConversationQueries extends ConversationStore {
  constructor(protected readonly client: DbClient | DbTransaction) {
    super();
  }

  transaction<T>(work: (store: ConversationStore) => Promise<T>): Promise<T> {
    return work(this);
  }

  createConversation(customerName: string | null, accessTokenHash: string | null): Promise<Conversation> {
    return this.client.chatbotConversation.create({ data: { customerName, accessTokenHash }, include: WITH_COUNT }).then((row) => toConversation(row));
  }

  async accessTokenHash(id: string): Promise<string | null> {
    const row = await this.client.chatbotConversation.findUnique({ where: { id }, select: { accessTokenHash: true } });
    return row?.accessTokenHash ?? null;
  }

  async conversation(id: string): Promise<Conversation | null> {
    const row = await this.client.chatbotConversation.findUnique({ where: { id }, include: WITH_COUNT });
    return row && toConversation(row);
  }

  async updateConversation(id: string, change: ConversationChange): Promise<void> {
    await this.client.chatbotConversation.update({ where: { id }, data: change });
  }

  async page(filters: { status?: ConversationStatus; q?: string }, page: PageRequest): Promise<{ items: Conversation[]; total: number }> {
    const where: Prisma.ChatbotConversationWhereInput = {
      ...(filters.status ? { status: filters.status } : {}),
      ...(filters.q ? { messages: { some: { text: { contains: filters.q } } } } : {}),
    };
    const [rows, total] = await Promise.all([
      this.client.chatbotConversation.findMany({
        where,
        orderBy: [{ lastMessageAt: 'desc' }, { id: 'desc' }],
        include: { ...WITH_COUNT, messages: { where: { role: 'customer' }, orderBy: { createdAt: 'desc' }, take: 1, select: { text: true } } },
        ...toSkipTake(page),
      }),
      this.client.chatbotConversation.count({ where }),
    ]);
    return { items: rows.map((r) => toConversation(r, r.messages[0]?.text ?? null)), total };
  }

  async createMessage(message: NewMessage): Promise<Message> {
    return toMessage(await this.client.chatbotMessage.create({ data: message }));
  }

  async message(conversationId: string, id: string): Promise<Message | null> {
    const row = await this.client.chatbotMessage.findFirst({ where: { id, conversationId } });
    return row && toMessage(row);
  }

  async messages(conversationId: string, limit: number, since?: { createdAt: Date; excludeId: string }): Promise<Message[]> {
    const rows = await this.client.chatbotMessage.findMany({
      where: { conversationId, ...(since ? { createdAt: { gte: since.createdAt }, id: { not: since.excludeId } } : {}) },
      orderBy: NEWEST_FIRST,
      take: limit,
    });
    return rows.reverse().map(toMessage);
  }

  async lastBotMessage(conversationId: string): Promise<Message | null> {
    const row = await this.client.chatbotMessage.findFirst({ where: { conversationId, role: 'bot' }, orderBy: NEWEST_FIRST });
    return row && toMessage(row);
  }

  async updateMessage(id: string, change: MessageChange): Promise<void> {
    await this.client.chatbotMessage.update({ where: { id }, data: messageData(change) });
  }

  async claimPending(id: string, change: MessageChange): Promise<boolean> {
    const claimed = await this.client.chatbotMessage.updateMany({ where: { id, status: 'pending' }, data: messageData(change) });
    return claimed.count > 0;
  }

  pendingCustomerMessages(limit: number): Promise<PendingMessage[]> {
    return this.client.chatbotMessage.findMany({
      where: { role: 'customer', status: 'pending' },
      orderBy: { createdAt: 'asc' },
      take: limit,
      select: { id: true, conversationId: true, text: true },
    });
  }
}

/** The store on Prisma: `transaction` opens one and runs the work on queries bound to it. */
@Injectable()
export class PrismaConversationStore extends ConversationQueries {
  constructor(@InjectDb() private readonly db: DbClient) {
    super(db);
  }

  override transaction<T>(work: (store: ConversationStore) => Promise<T>): Promise<T> {
    return withTransaction(this.db, (tx) => work(new ConversationQueries(tx)));
  }
}
