'use client';
import Link from 'next/link';
import { useCallback, useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { ConversationWithMessages, Message, PostResult } from '@matrix/chatbot-contract';
import { ApiError, apiFetch, Badge, ErrorBanner } from '@matrix/product-ui';
import { mergeMessages, showsFeedbackButtons, statusLabel } from '../lib/chat-logic';
import { inlineMarkdown } from '../lib/inline-markdown';

const STORAGE_KEY = 'support-chatbot.conversation';
/** The visitor's token header (as @matrix/chatbot-contract CONVERSATION_TOKEN_HEADER names it). */
const CONVERSATION_TOKEN_HEADER = 'x-conversation-token';

/** What POST /api/conversations answers: the conversation and, once, the token that scopes every later call to it. */
type StartedConversation = ConversationWithMessages & { token?: string };

/** The conversation this browser had: `{id, token}` (an id alone was kept before conversations had tokens). */
function readSaved(raw: string | null): { id: string; token: string | null } | null {
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as { id?: unknown; token?: unknown };
    if (typeof parsed?.id === 'string') return { id: parsed.id, token: typeof parsed.token === 'string' ? parsed.token : null };
  } catch {
    // an id alone, from before
  }
  return { id: raw, token: null };
}

/** A visitor's call: the conversation's token, and no sign-in page on a 401 (the visitor is no staff member). */
function visitor(token: string | null): { headers: Record<string, string>; signInOnUnauthenticated: false } {
  return { headers: token ? { [CONVERSATION_TOKEN_HEADER]: token } : {}, signInOnUnauthenticated: false };
}
const POLL_MS = 2500;
const MAX_CHARS = 1000;

function Bubble({
  message,
  conversationStatus,
  onFeedback,
  onSuggestion,
}: {
  message: Message;
  conversationStatus: string;
  onFeedback: (m: Message, value: 'resolved' | 'escalate') => void;
  onSuggestion: (text: string) => void;
}) {
  const who = message.role === 'customer' ? 'You' : message.role === 'agent' ? (message.agentName ?? 'Agent') : message.role === 'system' ? '' : 'Assistant';
  return (
    <li className={`chat-message chat-message--${message.role}`} data-testid={`message-${message.role}`} data-decision={message.decision ?? undefined}>
      {who ? <span className="chat-message__who">{who}</span> : null}
      <div className="chat-message__text">{message.role === 'bot' ? inlineMarkdown(message.text) : message.text}</div>
      {message.role === 'customer' && message.status === 'pending' ? <span className="chat-message__meta">Saved — waiting for the assistant</span> : null}
      {message.citation ? (
        <div className="chat-message__citation" data-testid="citation">
          Source:{' '}
          <Link href={`/knowledge-base?article=${encodeURIComponent(message.citation.articleId)}`}>{message.citation.title || 'knowledge-base article'}</Link>
        </div>
      ) : null}
      {message.suggestions?.length ? (
        <div className="chat-message__actions">
          {message.suggestions.map((s) => (
            <button key={s.intent} type="button" className="mx-button mx-button--secondary mx-button--small" onClick={() => onSuggestion(s.title)}>
              {s.title}
            </button>
          ))}
        </div>
      ) : null}
      {showsFeedbackButtons(message, conversationStatus) ? (
        <div className="chat-message__actions">
          <button type="button" className="mx-button mx-button--small" onClick={() => onFeedback(message, 'resolved')}>
            ✓ This solved it
          </button>
          <button type="button" className="mx-button mx-button--secondary mx-button--small" onClick={() => onFeedback(message, 'escalate')}>
            Talk to a human
          </button>
        </div>
      ) : null}
      {message.feedback ? <span className="chat-message__meta">{message.feedback === 'resolved' ? 'Marked as solved' : 'Passed to an agent'}</span> : null}
    </li>
  );
}

/** The customer's chat: ask, see cited answers (with a typing indicator while the bot thinks), rate them, talk to a human. */
export function ChatWindow() {
  const [conversation, setConversation] = useState<ConversationWithMessages | null>(null);
  const [draft, setDraft] = useState('');
  const [sending, setSending] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const listRef = useRef<HTMLOListElement>(null);

  // The conversation's visitor token (POST /api/conversations answers it once): sent on every later call of this conversation.
  const tokenRef = useRef<string | null>(null);

  const begin = useCallback(async (): Promise<ConversationWithMessages> => {
    const created = await apiFetch<StartedConversation>('/api/conversations', { method: 'POST', json: {}, signInOnUnauthenticated: false });
    const { token, ...started } = created;
    tokenRef.current = token ?? null;
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify({ id: started.id, token: token ?? null }));
    return started;
  }, []);

  const start = useCallback(async () => {
    setConversation(await begin());
    setNotice(null);
  }, [begin]);

  // Resume the conversation this browser had (a reload keeps the chat), else start one.
  useEffect(() => {
    const saved = readSaved(window.localStorage.getItem(STORAGE_KEY));
    tokenRef.current = saved?.token ?? null;
    (saved
      ? apiFetch<ConversationWithMessages>(`/api/conversations/${encodeURIComponent(saved.id)}`, {
          ...visitor(saved.token),
        }).catch((e: unknown) => {
          // Gone, or kept from before conversations had tokens: start afresh.
          if (e instanceof ApiError && (e.status === 404 || e.status === 401 || e.status === 403)) return null;
          throw e;
        })
      : Promise.resolve(null)
    )
      .then((found) => found ?? begin())
      .then(setConversation)
      .catch(setError);
  }, [begin]);

  const id = conversation?.id;
  // Poll for agent replies and for answers to messages kept while the assistant was away.
  useEffect(() => {
    if (!id) return undefined;
    const timer = window.setInterval(() => {
      apiFetch<ConversationWithMessages>(`/api/conversations/${encodeURIComponent(id)}`, visitor(tokenRef.current)).then(
        (fresh) =>
          setConversation((current) =>
            current && current.id === fresh.id ? { ...fresh, messages: mergeMessages(current.messages, fresh.messages) } : current,
          ),
        () => undefined,
      );
    }, POLL_MS);
    return () => window.clearInterval(timer);
  }, [id]);

  const count = conversation?.messages.length ?? 0;
  useEffect(() => {
    listRef.current?.lastElementChild?.scrollIntoView({ block: 'end' });
  }, [count, sending]);

  const send = async (text: string) => {
    if (!conversation || !text.trim() || sending) return;
    setSending(true);
    setError(null);
    try {
      const result = await apiFetch<PostResult>(`/api/conversations/${encodeURIComponent(conversation.id)}/messages`, {
        method: 'POST',
        json: { text },
        ...visitor(tokenRef.current),
      });
      setConversation((current) =>
        current ? { ...result.conversation, messages: mergeMessages(current.messages, [result.message, ...(result.reply ? [result.reply] : [])]) } : current,
      );
      setNotice(result.notice ?? null);
      setDraft('');
    } catch (e) {
      setError(e);
    } finally {
      setSending(false);
    }
  };

  const feedback = async (message: Message, value: 'resolved' | 'escalate') => {
    if (!conversation) return;
    try {
      setConversation(
        await apiFetch<ConversationWithMessages>(
          `/api/conversations/${encodeURIComponent(conversation.id)}/messages/${encodeURIComponent(message.id)}/feedback`,
          { method: 'POST', json: { value }, ...visitor(tokenRef.current) },
        ),
      );
    } catch (e) {
      setError(e);
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void send(draft);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      void send(draft);
    }
  };

  return (
    <section className="chat" aria-label="Chat with support">
      <div className="mx-row chat__bar">
        {conversation ? (
          <Badge tone={conversation.status === 'waiting_agent' ? 'warning' : conversation.status === 'resolved' ? 'positive' : 'accent'}>
            {statusLabel(conversation.status)}
          </Badge>
        ) : null}
        <button type="button" className="mx-button mx-button--secondary mx-button--small" onClick={() => void start().catch(setError)}>
          New conversation
        </button>
      </div>
      {error ? <ErrorBanner error={error} onDismiss={() => setError(null)} /> : null}
      {notice ? (
        <p className="chat__notice" role="status">
          {notice}
        </p>
      ) : null}
      <ol className="chat__messages" ref={listRef} aria-live="polite">
        {conversation && conversation.messages.length === 0 ? (
          <li className="chat-message chat-message--system">Hi! Ask me anything about your account, cards, payments or transfers.</li>
        ) : null}
        {conversation?.messages.map((m) => (
          <Bubble
            key={m.id}
            message={m}
            conversationStatus={conversation.status}
            onFeedback={(msg, v) => void feedback(msg, v)}
            onSuggestion={(t) => void send(t)}
          />
        ))}
        {sending ? (
          <li className="chat-message chat-message--bot chat-typing" data-testid="typing" aria-label="The assistant is typing">
            <span />
            <span />
            <span />
          </li>
        ) : null}
      </ol>
      <form className="chat__form" onSubmit={onSubmit}>
        <label htmlFor="chat-input" className="mx-visually-hidden">
          Your message
        </label>
        <textarea
          id="chat-input"
          className="mx-textarea"
          rows={2}
          maxLength={MAX_CHARS}
          placeholder="Type your question…"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKeyDown}
          disabled={!conversation}
        />
        <button type="submit" className="mx-button" disabled={!conversation || sending || !draft.trim()}>
          Send
        </button>
      </form>
      <p className="mx-muted chat__hint">
        {draft.length}/{MAX_CHARS} characters · Enter sends, Shift+Enter adds a line
      </p>
    </section>
  );
}
