'use client';
import { useCallback, useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { ConversationWithMessages, Message, PostResult, StartedConversation } from '@matrix/chatbot-contract';
import { ApiError, apiFetch, Badge, ErrorBanner } from '@matrix/product-ui';
import { mergeMessages, readSavedChat, SAVED_CHAT_KEY, saveChat, showsFeedbackButtons, statusLabel, visitorHeaders } from '../lib/chat-logic';
import { inlineMarkdown } from '../lib/inline-markdown';
import { Citation } from './citation';

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
      {message.citation ? <Citation citation={message.citation} /> : null}
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
  // The conversation's visitor token: every customer route needs it (x-conversation-token); the API shows it once, at creation.
  const tokenRef = useRef<string | null>(null);

  /** A new conversation: keeps its token in this tab (sessionStorage) and shows it. */
  const open = useCallback(async (): Promise<ConversationWithMessages> => {
    const { token, ...created } = await apiFetch<StartedConversation>('/api/conversations', { method: 'POST', json: {} });
    saveChat(window.sessionStorage, { id: created.id, token });
    tokenRef.current = token;
    return created;
  }, []);

  const start = useCallback(async () => {
    setConversation(await open());
    setNotice(null);
  }, [open]);

  // Resume the conversation this tab had (a reload keeps the chat), else start one.
  useEffect(() => {
    // Before conversation tokens the id alone was kept in localStorage; it opens nothing any more.
    window.localStorage.removeItem(SAVED_CHAT_KEY);
    const saved = readSavedChat(window.sessionStorage);
    (saved
      ? apiFetch<ConversationWithMessages>(`/api/conversations/${encodeURIComponent(saved.id)}`, { headers: visitorHeaders(saved.token) }).then(
          (found) => {
            tokenRef.current = saved.token;
            return found;
          },
          (e: unknown) => {
            // Gone (erased, expired) or no longer ours: start afresh.
            if (e instanceof ApiError && (e.status === 404 || e.status === 401)) return null;
            throw e;
          },
        )
      : Promise.resolve(null)
    )
      .then((found) => found ?? open())
      .then(setConversation)
      .catch(setError);
  }, [open]);

  const id = conversation?.id;
  // Poll for agent replies and for answers to messages kept while the assistant was away.
  useEffect(() => {
    if (!id) return undefined;
    const timer = window.setInterval(() => {
      apiFetch<ConversationWithMessages>(`/api/conversations/${encodeURIComponent(id)}`, { headers: visitorHeaders(tokenRef.current) }).then(
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
        headers: visitorHeaders(tokenRef.current),
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
          { method: 'POST', json: { value }, headers: visitorHeaders(tokenRef.current) },
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
