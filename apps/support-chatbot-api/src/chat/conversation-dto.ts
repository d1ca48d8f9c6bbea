import type { Prisma } from '@matrix/db';
import type { Conversation, ConversationStatus, Message } from '@matrix/chatbot-contract';

export { CONVERSATION_STATUSES, type Conversation, type ConversationStatus, type ConversationWithMessages, type Message } from '@matrix/chatbot-contract';

type MessageRow = Prisma.ChatbotMessageGetPayload<object>;
type ConversationRow = Prisma.ChatbotConversationGetPayload<object> & { _count?: { messages: number } };

const parse = <T>(json: string | null): T | null => (json ? (JSON.parse(json) as T) : null);
const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toMessage(row: MessageRow): Message {
  return {
    id: row.id,
    role: row.role as Message['role'],
    text: row.text,
    status: row.status,
    decision: (row.decision as Message['decision']) ?? null,
    reason: row.reason,
    intent: row.intent,
    confidence: row.confidence,
    topIntents: parse(row.topIntents),
    citation: row.articleId ? { articleId: row.articleId, title: row.citationTitle ?? '', chunkId: row.chunkId, similarity: row.similarity } : null,
    suggestions: parse(row.suggestions),
    feedback: row.feedback,
    agentName: row.agentName,
    createdAt: row.createdAt.toISOString(),
  };
}

export function toConversation(row: ConversationRow, lastCustomerMessage?: string | null): Conversation {
  return {
    id: row.id,
    status: row.status as ConversationStatus,
    customerName: row.customerName,
    handoffReason: row.handoffReason,
    handoffAt: iso(row.handoffAt),
    agentName: row.agentName,
    takenOverAt: iso(row.takenOverAt),
    resolvedAt: iso(row.resolvedAt),
    resolvedBy: row.resolvedBy,
    lastMessageAt: row.lastMessageAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    messageCount: row._count?.messages ?? 0,
    ...(lastCustomerMessage !== undefined ? { lastCustomerMessage } : {}),
  };
}
