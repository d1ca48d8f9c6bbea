/** The chat resources of the support chatbot API, shared by the API and its web app. */
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

/** The visitor's token header: every customer route of a conversation sends the token POST /api/conversations returned. */
export const CONVERSATION_TOKEN_HEADER = 'x-conversation-token';

/** What POST /api/conversations answers: the new conversation and, once, its visitor token. */
export interface StartedConversation extends ConversationWithMessages {
  /** Send it as the `x-conversation-token` header on every customer route of this conversation; it is not shown again. */
  token: string;
}

/** What POST /api/conversations/:id/messages answers (201 answered, 202 kept for later). */
export interface PostResult {
  conversation: Conversation;
  /** The customer's message as stored (status "pending" when the assistant could not answer yet). */
  message: Message;
  /** The bot's reply, or null when a human has the conversation or the assistant is unavailable. */
  reply: Message | null;
  /** Said to the customer when the message was kept for later. */
  notice?: string;
}
