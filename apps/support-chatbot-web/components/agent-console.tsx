'use client';
import { useEffect, useState, type FormEvent } from 'react';
import type { Conversation, ConversationWithMessages, Message, Page } from '@matrix/chatbot-contract';
import { apiFetch, Badge, Card, ErrorBanner, Pagination, RequireRole, useApiQuery, withQuery } from '@matrix/product-ui';
import { intentLabel, percent, reasonLabel, statusLabel } from '../lib/chat-logic';
import { inlineMarkdown } from '../lib/inline-markdown';
import { useStoredValue } from '../lib/use-stored-value';

const AGENT_KEY = 'support-chatbot.agent-name';
const STATUSES = [
  { value: 'waiting_agent', label: 'Waiting for an agent' },
  { value: 'agent', label: 'With an agent' },
  { value: 'bot', label: 'With the bot' },
  { value: 'resolved', label: 'Resolved' },
  { value: '', label: 'All' },
];

function Understanding({ message }: { message: Message }) {
  if (message.role !== 'bot' && message.role !== 'customer') return null;
  if (!message.intent && !message.reason) return null;
  return (
    <span className="agent__understanding">
      {message.intent ? `intent ${intentLabel(message.intent)} (${percent(message.confidence)})` : ''}
      {message.decision && message.role === 'bot' ? ` · ${message.decision}` : ''}
      {message.reason ? ` · ${reasonLabel(message.reason)}` : ''}
      {message.citation ? ` · cites “${message.citation.title}”` : ''}
    </span>
  );
}

/** The human side: the handoff queue, a conversation with the bot's understanding of each message, takeover, reply, resolve. */
export function AgentConsole() {
  const [status, setStatus] = useState('waiting_agent');
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<string | null>(null);
  const [conversation, setConversation] = useState<ConversationWithMessages | null>(null);
  const [agentName, saveName] = useStoredValue(AGENT_KEY);
  const [reply, setReply] = useState('');
  const [error, setError] = useState<unknown>(null);
  const list = useApiQuery<Page<Conversation>>(withQuery('/api/agent/conversations', { status, page, pageSize: 20 }));
  const { reload } = list;

  // The queue and the open conversation refresh on their own: customers keep writing.
  useEffect(() => {
    const timer = window.setInterval(() => {
      reload();
      if (selected) apiFetch<ConversationWithMessages>(`/api/agent/conversations/${encodeURIComponent(selected)}`).then(setConversation, () => undefined);
    }, 4000);
    return () => window.clearInterval(timer);
  }, [reload, selected]);

  const open = async (id: string) => {
    setSelected(id);
    setError(null);
    try {
      setConversation(await apiFetch<ConversationWithMessages>(`/api/agent/conversations/${encodeURIComponent(id)}`));
    } catch (e) {
      setError(e);
    }
  };

  const act = async (path: string, json: unknown) => {
    if (!conversation) return;
    setError(null);
    try {
      setConversation(
        await apiFetch<ConversationWithMessages>(`/api/agent/conversations/${encodeURIComponent(conversation.id)}/${path}`, { method: 'POST', json }),
      );
      reload();
      return true;
    } catch (e) {
      setError(e);
      return false;
    }
  };

  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (await act('messages', { agentName, text: reply })) setReply('');
  };

  const mine = conversation?.status === 'agent' && conversation.agentName === agentName;

  return (
    <>
      <div className="mx-row">
        <div className="mx-field">
          <label htmlFor="agent-name">Your name</label>
          <input id="agent-name" className="mx-input" value={agentName} onChange={(e) => saveName(e.target.value)} placeholder="e.g. Grace" maxLength={100} />
        </div>
        <div className="mx-field">
          <label htmlFor="agent-status">Show</label>
          <select
            id="agent-status"
            className="mx-select"
            value={status}
            onChange={(e) => {
              setStatus(e.target.value);
              setPage(1);
            }}
          >
            {STATUSES.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      {error ? <ErrorBanner error={error} onDismiss={() => setError(null)} /> : null}
      {list.error ? <ErrorBanner error={list.error} /> : null}
      <div className="agent">
        <Card title={`Conversations (${list.data?.total ?? 0})`}>
          <ul className="agent__list" aria-label="Conversations">
            {list.data?.items.map((c) => (
              <li key={c.id}>
                <button
                  type="button"
                  className={`agent__item${c.id === selected ? ' agent__item--selected' : ''}`}
                  onClick={() => void open(c.id)}
                  data-testid="conversation-item"
                >
                  <strong>{c.customerName ?? 'Customer'}</strong>{' '}
                  <Badge tone={c.status === 'waiting_agent' ? 'warning' : 'neutral'}>{statusLabel(c.status)}</Badge>
                  <span className="agent__understanding">{c.lastCustomerMessage ?? 'No message yet'}</span>
                  <span className="agent__understanding">
                    {c.handoffReason ? `${reasonLabel(c.handoffReason)} · ` : ''}
                    {new Date(c.lastMessageAt).toLocaleString()}
                  </span>
                </button>
              </li>
            ))}
            {list.data && list.data.items.length === 0 ? <li className="mx-muted">Nothing here.</li> : null}
          </ul>
          {list.data ? <Pagination page={page} pageSize={20} total={list.data.total} onPageChange={setPage} /> : null}
        </Card>
        <Card title={conversation ? `${conversation.customerName ?? 'Customer'} · ${statusLabel(conversation.status)}` : 'Pick a conversation'}>
          {conversation ? (
            <>
              <p className="mx-muted">
                {conversation.handoffReason ? `Handed off: ${reasonLabel(conversation.handoffReason)}. ` : ''}
                {conversation.agentName ? `Agent: ${conversation.agentName}.` : ''}
              </p>
              <ol className="chat__messages" aria-label="Messages">
                {conversation.messages.map((m) => (
                  <li key={m.id} className={`chat-message chat-message--${m.role}`}>
                    <span className="chat-message__who">
                      {m.role === 'agent' ? (m.agentName ?? 'Agent') : m.role === 'bot' ? 'Assistant' : m.role === 'customer' ? 'Customer' : ''}
                    </span>
                    <div className="chat-message__text">{m.role === 'bot' ? inlineMarkdown(m.text) : m.text}</div>
                    <Understanding message={m} />
                  </li>
                ))}
              </ol>
              {/* Taking over and answering is an agent's (or an admin's) work; the API refuses others anyway (403). */}
              <RequireRole role="agent">
                <div className="mx-row" style={{ marginTop: 10 }}>
                  {!mine ? (
                    <button type="button" className="mx-button" disabled={!agentName.trim()} onClick={() => void act('takeover', { agentName })}>
                      Take over
                    </button>
                  ) : null}
                  {conversation.status !== 'resolved' ? (
                    <button
                      type="button"
                      className="mx-button mx-button--secondary"
                      disabled={!agentName.trim()}
                      onClick={() => void act('resolve', { agentName })}
                    >
                      Mark resolved
                    </button>
                  ) : null}
                  {mine ? (
                    <button type="button" className="mx-button mx-button--secondary" onClick={() => void act('release', {})}>
                      Give back to the bot
                    </button>
                  ) : null}
                </div>
                {!agentName.trim() ? <p className="mx-muted">Enter your name above to take over.</p> : null}
                {mine ? (
                  <form className="chat__form" onSubmit={(e) => void send(e)}>
                    <label htmlFor="agent-reply" className="mx-visually-hidden">
                      Reply to the customer
                    </label>
                    <textarea
                      id="agent-reply"
                      className="mx-textarea"
                      rows={2}
                      maxLength={1000}
                      value={reply}
                      onChange={(e) => setReply(e.target.value)}
                      placeholder="Write a reply…"
                    />
                    <button type="submit" className="mx-button" disabled={!reply.trim()}>
                      Send reply
                    </button>
                  </form>
                ) : null}
              </RequireRole>
            </>
          ) : (
            <p className="mx-muted">Conversations the bot handed off wait in the queue on the left.</p>
          )}
        </Card>
      </div>
    </>
  );
}
