import type { Prisma } from '@matrix/db';
import type { PageRequest } from '@matrix/product-server';
import { toConversation, toMessage, type Conversation, type ConversationStatus, type Message } from '../../src/chat/conversation-dto';
import { ConversationStore, type ConversationChange, type MessageChange, type NewMessage, type PendingMessage } from '../../src/chat/conversation-store';

type ConversationRow = Prisma.ChatbotConversationGetPayload<object>;
type MessageRow = Prisma.ChatbotMessageGetPayload<object>;

/** ConversationStore in memory (no database), for unit specs. Each new row is one second after the previous one. */
export class FakeConversationStore extends ConversationStore {
  readonly conversations = new Map<string, ConversationRow>();
  readonly rows: MessageRow[] = [];
  private clock = Date.parse('2026-03-01T10:00:00Z');
  private nextId = 1;

  private tick(): Date {
    this.clock += 1000;
    return new Date(this.clock);
  }

  private toView(row: ConversationRow, lastCustomerMessage?: string | null): Conversation {
    return toConversation({ ...row, _count: { messages: this.rows.filter((m) => m.conversationId === row.id).length } }, lastCustomerMessage);
  }

  async transaction<T>(work: (store: ConversationStore) => Promise<T>): Promise<T> {
    return work(this);
  }

  async createConversation(customerName: string | null, accessTokenHash: string | null = null): Promise<Conversation> {
    const at = this.tick();
    const row: ConversationRow = {
      id: `c${this.nextId++}`,
      status: 'bot',
      customerName,
      handoffReason: null,
      handoffAt: null,
      agentName: null,
      takenOverAt: null,
      resolvedAt: null,
      resolvedBy: null,
      lastMessageAt: at,
      createdAt: at,
      accessTokenHash,
    };
    this.conversations.set(row.id, row);
    return this.toView(row);
  }

  async conversation(id: string): Promise<Conversation | null> {
    const row = this.conversations.get(id);
    return row ? this.toView(row) : null;
  }

  async accessTokenHash(id: string): Promise<string | null> {
    return this.conversations.get(id)?.accessTokenHash ?? null;
  }

  async updateConversation(id: string, change: ConversationChange): Promise<void> {
    const row = this.conversations.get(id);
    if (!row) throw new Error(`no conversation ${id}`);
    Object.assign(row, change);
  }

  async page(filters: { status?: ConversationStatus; q?: string }, page: PageRequest): Promise<{ items: Conversation[]; total: number }> {
    const all = [...this.conversations.values()]
      .filter(
        (c) =>
          (!filters.status || c.status === filters.status) &&
          (!filters.q || this.rows.some((m) => m.conversationId === c.id && m.text.includes(filters.q ?? ''))),
      )
      .sort((a, b) => b.lastMessageAt.getTime() - a.lastMessageAt.getTime());
    const lastCustomer = (id: string) => this.rows.filter((m) => m.conversationId === id && m.role === 'customer').at(-1)?.text ?? null;
    return { items: all.slice((page.page - 1) * page.pageSize, page.page * page.pageSize).map((c) => this.toView(c, lastCustomer(c.id))), total: all.length };
  }

  async createMessage(message: NewMessage): Promise<Message> {
    const row: MessageRow = {
      id: `m${this.nextId++}`,
      status: 'answered',
      decision: null,
      reason: null,
      intent: null,
      confidence: null,
      topIntents: null,
      articleId: null,
      chunkId: null,
      similarity: null,
      citationTitle: null,
      suggestions: null,
      feedback: null,
      modelVersion: null,
      embedding: null,
      agentName: null,
      ...message,
      createdAt: message.createdAt ?? this.tick(),
    };
    this.rows.push(row);
    return toMessage(row);
  }

  async message(conversationId: string, id: string): Promise<Message | null> {
    const row = this.rows.find((m) => m.id === id && m.conversationId === conversationId);
    return row ? toMessage(row) : null;
  }

  async messages(conversationId: string, limit: number, since?: { createdAt: Date; excludeId: string }): Promise<Message[]> {
    const rows = this.rows.filter((m) => m.conversationId === conversationId && (!since || (m.createdAt >= since.createdAt && m.id !== since.excludeId)));
    return rows.slice(-limit).map(toMessage);
  }

  async lastBotMessage(conversationId: string): Promise<Message | null> {
    const row = this.rows.filter((m) => m.conversationId === conversationId && m.role === 'bot').at(-1);
    return row ? toMessage(row) : null;
  }

  async updateMessage(id: string, change: MessageChange): Promise<void> {
    const row = this.rows.find((m) => m.id === id);
    if (!row) throw new Error(`no message ${id}`);
    const { embedding, ...rest } = change;
    Object.assign(row, rest, embedding ? { embedding: new Uint8Array(embedding.buffer) } : {});
  }

  async claimPending(id: string, change: MessageChange): Promise<boolean> {
    if (this.rows.find((m) => m.id === id)?.status !== 'pending') return false;
    await this.updateMessage(id, change);
    return true;
  }

  async pendingCustomerMessages(limit: number): Promise<PendingMessage[]> {
    return this.rows
      .filter((m) => m.role === 'customer' && m.status === 'pending')
      .slice(0, limit)
      .map((m) => ({ id: m.id, conversationId: m.conversationId, text: m.text }));
  }
}
