'use client';
import Link from 'next/link';
import { useCallback, useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { ConversationWithMessages, Message, PostResult } from '@matrix/chatbot-contract';
import { ApiError, apiFetch, Badge, ErrorBanner } from '@matrix/product-ui';
import { mergeMessages, showsFeedbackButtons, statusLabel } from '../lib/chat-logic';
import { inlineMarkdown } from '../lib/inline-markdown';

const STORAGE_KEY = 'support-chatbot.conversation';
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

  const start = useCallback(async () => {
    const created = await apiFetch<ConversationWithMessages>('/api/conversations', { method: 'POST', json: {} });
    window.localStorage.setItem(STORAGE_KEY, created.id);
    setConversation(created);
    setNotice(null);
  }, []);

  // Resume the conversation this browser had (a reload keeps the chat), else start one.
  useEffect(() => {
    const saved = window.localStorage.getItem(STORAGE_KEY);
    apiFetch<ConversationWithMessages | null>(
      saved ? `/api/conversations/${encodeURIComponent(saved)}` : '/api/conversations',
      saved ? {} : { method: 'POST', json: {} },
    )
      .catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 404) return null;
        throw e;
      })
      .then((found) => (found ? found : apiFetch<ConversationWithMessages>('/api/conversations', { method: 'POST', json: {} })))
      .then((current) => {
        window.localStorage.setItem(STORAGE_KEY, current.id);
        setConversation(current);
      })
      .catch(setError);
  }, []);

  const id = conversation?.id;
  // Poll for agent replies and for answers to messages kept while the assistant was away.
  useEffect(() => {
    if (!id) return undefined;
    const timer = window.setInterval(() => {
      apiFetch<ConversationWithMessages>(`/api/conversations/${encodeURIComponent(id)}`).then(
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
      const result = await apiFetch<PostResult>(`/api/conversations/${encodeURIComponent(conversation.id)}/messages`, { method: 'POST', json: { text } });
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
          { method: 'POST', json: { value } },
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
