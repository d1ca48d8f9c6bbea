import { CONVERSATION_TOKEN_HEADER, type Message } from '@matrix/chatbot-contract';

/** Messages merged by id (a newer copy wins), in time order: polling and posting never duplicate or lose one. */
export function mergeMessages(current: Message[], incoming: Message[]): Message[] {
  const byId = new Map(current.map((m) => [m.id, m]));
  for (const m of incoming) byId.set(m.id, m);
  return [...byId.values()].sort((a, b) => (a.createdAt === b.createdAt ? 0 : a.createdAt < b.createdAt ? -1 : 1));
}

const REASONS: Record<string, string> = {
  low_confidence: 'Low confidence',
  ambiguous: 'Ambiguous question',
  out_of_scope: 'Out of scope',
  no_article: 'No article for the topic',
  customer_request: 'Customer asked for a human',
  agent_takeover: 'Agent took over',
  gateway_down: 'Assistant unavailable',
};

/** A person's words for a handoff reason code. */
export function reasonLabel(reason: string | null | undefined): string {
  if (!reason) return '—';
  return REASONS[reason] ?? reason.replace(/_/g, ' ');
}

/** An intent code as words: `card_arrival` → "card arrival". */
export function intentLabel(intent: string | null | undefined): string {
  return intent ? intent.replace(/[_?]+/g, ' ').trim() : '—';
}

export function percent(share: number | null | undefined): string {
  return share === null || share === undefined ? '—' : `${Math.round(share * 100)}%`;
}

const STATUS: Record<string, string> = { bot: 'With the bot', waiting_agent: 'Waiting for an agent', agent: 'With an agent', resolved: 'Resolved' };

export function statusLabel(status: string): string {
  return STATUS[status] ?? status;
}

/** Whether an answer still shows its "resolved / talk to a human" buttons. */
export function showsFeedbackButtons(message: Message, conversationStatus: string): boolean {
  return message.role === 'bot' && message.decision === 'answer' && message.feedback === null && conversationStatus === 'bot';
}

/** The import format of a file, from its name. */
export function importContentType(fileName: string): string | null {
  const name = fileName.toLowerCase();
  if (name.endsWith('.md') || name.endsWith('.markdown')) return 'text/markdown';
  if (name.endsWith('.csv')) return 'text/csv';
  if (name.endsWith('.json')) return 'application/json';
  return null;
}

/** The visitor's conversation as this tab keeps it: its id and the token that opens it (issue 14). */
export interface SavedChat {
  id: string;
  token: string;
}

/** Where the tab keeps its conversation (sessionStorage: a reload resumes it; closing the tab forgets the token). */
export const SAVED_CHAT_KEY = 'support-chatbot.conversation';

/** The conversation this tab had, or null (nothing saved, or something unreadable). */
export function readSavedChat(storage: Pick<Storage, 'getItem'>): SavedChat | null {
  try {
    const saved = JSON.parse(storage.getItem(SAVED_CHAT_KEY) ?? 'null') as Partial<SavedChat> | null;
    return saved && typeof saved.id === 'string' && typeof saved.token === 'string' && saved.id && saved.token ? { id: saved.id, token: saved.token } : null;
  } catch {
    return null;
  }
}

export function saveChat(storage: Pick<Storage, 'setItem'>, chat: SavedChat): void {
  storage.setItem(SAVED_CHAT_KEY, JSON.stringify({ id: chat.id, token: chat.token }));
}

/** The header every customer route of a conversation needs. */
export function visitorHeaders(token: string | null | undefined): Record<string, string> {
  return token ? { [CONVERSATION_TOKEN_HEADER]: token } : {};
}
