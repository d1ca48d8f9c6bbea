import { Injectable, OnModuleInit } from '@nestjs/common';
import { withTransaction, type DbClient } from '@matrix/db';
import { AuditLog, InjectDb, ProductRetention, type AuditedRoute } from '@matrix/product-server';

/** The chatbot's staff actions the audit log records (ids and agent names only; never message text). */
export const CHATBOT_AUDITED_ROUTES: AuditedRoute[] = [
  { method: 'POST', path: '/api/articles', action: 'article.created', target: ({ result }) => `article:${(result as { id: string }).id}` },
  { method: 'PUT', path: '/api/articles/:id', action: 'article.updated', target: ({ params }) => `article:${params.id}` },
  { method: 'DELETE', path: '/api/articles/:id', action: 'article.deleted', target: ({ params }) => `article:${params.id}` },
  {
    method: 'POST',
    path: '/api/articles/import',
    action: 'articles.imported',
    detail: ({ result }) => pick(result, ['created', 'updated', 'unchanged', 'pending']),
  },
  {
    method: 'POST',
    path: '/api/agent/conversations/:id/takeover',
    action: 'conversation.taken_over',
    target: ({ params }) => `conversation:${params.id}`,
    detail: ({ body }) => pick(body, ['agentName']),
  },
  {
    method: 'POST',
    path: '/api/agent/conversations/:id/messages',
    action: 'conversation.agent_replied',
    target: ({ params }) => `conversation:${params.id}`,
    detail: ({ body }) => pick(body, ['agentName']),
  },
  {
    method: 'POST',
    path: '/api/agent/conversations/:id/resolve',
    action: 'conversation.resolved',
    target: ({ params }) => `conversation:${params.id}`,
    detail: ({ body }) => pick(body, ['agentName']),
  },
  { method: 'POST', path: '/api/agent/conversations/:id/release', action: 'conversation.released', target: ({ params }) => `conversation:${params.id}` },
];

function pick(value: unknown, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (value && typeof value === 'object') for (const key of keys) if (key in value) out[key] = (value as Record<string, unknown>)[key];
  return out;
}

/** Deletes conversations (with their messages) by id; what erasure and retention share. */
export async function deleteConversations(db: DbClient, ids: string[]): Promise<{ conversations: number; messages: number }> {
  if (ids.length === 0) return { conversations: 0, messages: 0 };
  return withTransaction(db, async (tx) => {
    // Messages first (the relation cascades too; explicit, so the count is known and no row is left on any provider).
    const messages = await tx.chatbotMessage.deleteMany({ where: { conversationId: { in: ids } } });
    const conversations = await tx.chatbotConversation.deleteMany({ where: { id: { in: ids } } });
    return { conversations: conversations.count, messages: messages.count };
  });
}

/**
 * The chatbot's privacy wiring: its audited routes, and its retention target — conversations whose last message is
 * older than SUPPORT_CHATBOT_RETENTION_DAYS, deleted whole with their messages.
 */
@Injectable()
export class ChatbotPrivacy implements OnModuleInit {
  constructor(
    @InjectDb() private readonly db: DbClient,
    private readonly audit: AuditLog,
    private readonly retention: ProductRetention,
  ) {}

  onModuleInit(): void {
    this.audit.auditRoutes(CHATBOT_AUDITED_ROUTES);
    this.retention.register([
      {
        name: 'conversations',
        deleteOlderThan: async (cutoff, limit) => {
          const rows = await this.db.chatbotConversation.findMany({
            where: { lastMessageAt: { lt: cutoff } },
            select: { id: true },
            orderBy: { lastMessageAt: 'asc' },
            take: limit,
          });
          return (
            await deleteConversations(
              this.db,
              rows.map((r) => r.id),
            )
          ).conversations;
        },
      },
    ]);
  }
}
