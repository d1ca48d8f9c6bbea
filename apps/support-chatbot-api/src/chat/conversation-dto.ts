import type { Prisma } from '@matrix/db';

export type ConversationStatus = 'bot' | 'waiting_agent' | 'agent' | 'resolved';
export const CONVERSATION_STATUSES: ConversationStatus[] = ['bot', 'waiting_agent', 'agent', 'resolved'];

export interface Message {
  id: string;
  role: 'customer' | 'bot' | 'agent' | 'system';
  text: string;
  /** Customer messages: answered | pending (kept while the assistant was unavailable). */
  status: string;
  decision: 'answer' | 'clarify' | 'handoff' | null;
  reason: string | null;
  intent: string | null;
  confidence: number | null;
  topIntents: Array<{ intent: string; score: number }> | null;
  citation: { articleId: string; title: string; chunkId: string | null; similarity: number | null } | null;
  suggestions: Array<{ intent: string; articleId: string | null; title: string }> | null;
  feedback: string | null;
  agentName: string | null;
  createdAt: string;
}

export interface Conversation {
  id: string;
  status: ConversationStatus;
  customerName: string | null;
  handoffReason: string | null;
  handoffAt: string | null;
  agentName: string | null;
  takenOverAt: string | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
  lastMessageAt: string;
  createdAt: string;
  messageCount: number;
  /** The newest customer message (agent console list). */
  lastCustomerMessage?: string | null;
}

export interface ConversationWithMessages extends Conversation {
  messages: Message[];
}

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
