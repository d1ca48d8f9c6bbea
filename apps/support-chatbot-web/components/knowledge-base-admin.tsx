'use client';
import { useSearchParams } from 'next/navigation';
import { useEffect, useState, type FormEvent } from 'react';
import type { Article, ArticleWithChunks, ImportResult, Page, SearchHit } from '@matrix/chatbot-contract';
import { apiFetch, Badge, Card, DataTable, ErrorBanner, FileDropZone, Pagination, RequireRole, useApiQuery, useCan, withQuery } from '@matrix/product-ui';
import { importContentType, intentLabel } from '../lib/chat-logic';

interface Draft {
  id: string | null;
  title: string;
  body: string;
  intent: string;
  category: string;
}

const EMPTY: Draft = { id: null, title: '', body: '', intent: '', category: '' };

const toDraft = (a: ArticleWithChunks): Draft => ({ id: a.id, title: a.title, body: a.body, intent: a.intent ?? '', category: a.category ?? '' });

/** Articles (search, edit, create, delete), bulk import, and a "try a question" semantic search. */
export function KnowledgeBaseAdmin() {
  const params = useSearchParams();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [question, setQuestion] = useState('');
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [busy, setBusy] = useState(false);
  // Only an admin edits the knowledge base (the API refuses others: 403); everyone else reads it.
  const canEdit = useCan()('admin');
  const list = useApiQuery<Page<Article>>(withQuery('/api/articles', { q, page, pageSize: 15 }));

  const edit = (id: string) =>
    apiFetch<ArticleWithChunks>(`/api/articles/${encodeURIComponent(id)}`).then(
      (a) => setDraft(toDraft(a)),
      (e: unknown) => setError(e),
    );

  // /knowledge-base?article=<id> (the chat's citation links) opens that article.
  const linked = params.get('article');
  useEffect(() => {
    if (!linked) return;
    apiFetch<ArticleWithChunks>(`/api/articles/${encodeURIComponent(linked)}`).then(
      (a) => setDraft(toDraft(a)),
      (e: unknown) => setError(e),
    );
  }, [linked]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!draft) return;
    setBusy(true);
    setError(null);
    try {
      const json = { title: draft.title, body: draft.body, intent: draft.intent.trim() || null, category: draft.category.trim() || null };
      const saved = await apiFetch<ArticleWithChunks>(draft.id ? `/api/articles/${encodeURIComponent(draft.id)}` : '/api/articles', {
        method: draft.id ? 'PUT' : 'POST',
        json,
      });
      setMessage(
        `Saved “${saved.title}”: ${saved.chunkCount} passage${saved.chunkCount === 1 ? '' : 's'}, ${saved.indexStatus === 'embedded' ? 'searchable now' : 'will be searchable once the assistant is back'}.`,
      );
      setDraft(toDraft(saved));
      list.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    if (!draft?.id || !window.confirm(`Delete “${draft.title}”?`)) return;
    try {
      await apiFetch(`/api/articles/${encodeURIComponent(draft.id)}`, { method: 'DELETE' });
      setMessage(`Deleted “${draft.title}”.`);
      setDraft(null);
      list.reload();
    } catch (e) {
      setError(e);
    }
  };

  const importFile = async (file: File) => {
    const type = importContentType(file.name);
    if (!type) {
      setError(new Error('Import a .md, .csv or .json file.'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const result = await apiFetch<ImportResult>('/api/articles/import', { method: 'POST', body: await file.text(), headers: { 'Content-Type': type } });
      setMessage(
        `Imported ${file.name}: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged${result.pending ? `, ${result.pending} waiting to be embedded` : ''}.`,
      );
      list.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const search = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      setHits((await apiFetch<{ hits: SearchHit[] }>(withQuery('/api/articles/search', { q: question, k: 5 }))).hits);
    } catch (e) {
      setError(e);
    }
  };

  return (
    <>
      {error ? <ErrorBanner error={error} onDismiss={() => setError(null)} /> : null}
      {message ? (
        <p className="chat__notice" role="status">
          {message}
        </p>
      ) : null}
      <div className="kb">
        <div className="mx-stack">
          <Card title={`Articles (${list.data?.total ?? 0})`}>
            <div className="mx-row">
              <div className="mx-field">
                <label htmlFor="kb-q">Find</label>
                <input
                  id="kb-q"
                  className="mx-input"
                  value={q}
                  placeholder="title, text or slug"
                  onChange={(e) => {
                    setQ(e.target.value);
                    setPage(1);
                  }}
                />
              </div>
              <RequireRole role="admin">
                <button type="button" className="mx-button" onClick={() => setDraft({ ...EMPTY })}>
                  New article
                </button>
              </RequireRole>
            </div>
            {list.error ? <ErrorBanner error={list.error} /> : null}
            <DataTable
              caption="Articles"
              hideCaption
              loading={list.loading}
              rows={list.data?.items ?? []}
              rowKey={(a) => a.id}
              columns={[
                {
                  key: 'title',
                  header: 'Title',
                  render: (a) => (
                    <button type="button" className="mx-button mx-button--secondary mx-button--small" onClick={() => void edit(a.id)}>
                      {a.title}
                    </button>
                  ),
                },
                { key: 'intent', header: 'Intent', render: (a) => intentLabel(a.intent) },
                { key: 'category', header: 'Category', render: (a) => a.category ?? '—' },
                { key: 'chunks', header: 'Passages', render: (a) => a.chunkCount },
                { key: 'status', header: 'Search', render: (a) => <Badge tone={a.indexStatus === 'embedded' ? 'positive' : 'warning'}>{a.indexStatus}</Badge> },
              ]}
            />
            {list.data ? <Pagination page={page} pageSize={15} total={list.data.total} onPageChange={setPage} /> : null}
          </Card>
          <RequireRole role="admin">
            <Card title="Import articles">
              <FileDropZone
                label="Markdown, CSV or JSON file"
                accept=".md,.markdown,.csv,.json"
                hint="Markdown: each “# Title” starts an article. CSV: title, body, intent, category columns. JSON: an array of articles."
                maxBytes={5 * 1024 * 1024}
                disabled={busy}
                onFile={(f) => void importFile(f)}
                onReject={(reason) => setError(new Error(reason))}
              />
            </Card>
          </RequireRole>
        </div>
        <div className="mx-stack">
          {draft ? (
            <Card title={draft.id ? (canEdit ? 'Edit article' : 'Article') : 'New article'}>
              <form className="mx-stack" onSubmit={(e) => void save(e)}>
                <div className="mx-field">
                  <label htmlFor="kb-title">Title</label>
                  <input
                    id="kb-title"
                    className="mx-input"
                    required
                    maxLength={200}
                    value={draft.title}
                    onChange={(e) => setDraft({ ...draft, title: e.target.value })}
                  />
                </div>
                <div className="mx-field">
                  <label htmlFor="kb-body">Body (Markdown)</label>
                  <textarea
                    id="kb-body"
                    className="mx-textarea kb__body"
                    required
                    value={draft.body}
                    onChange={(e) => setDraft({ ...draft, body: e.target.value })}
                  />
                </div>
                <div className="mx-row">
                  <div className="mx-field">
                    <label htmlFor="kb-intent">Intent</label>
                    <input
                      id="kb-intent"
                      className="mx-input"
                      value={draft.intent}
                      placeholder="e.g. card_arrival"
                      onChange={(e) => setDraft({ ...draft, intent: e.target.value })}
                    />
                  </div>
                  <div className="mx-field">
                    <label htmlFor="kb-category">Category</label>
                    <input id="kb-category" className="mx-input" value={draft.category} onChange={(e) => setDraft({ ...draft, category: e.target.value })} />
                  </div>
                </div>
                <div className="mx-row">
                  <RequireRole role="admin">
                    <button type="submit" className="mx-button" disabled={busy}>
                      {busy ? 'Saving…' : 'Save'}
                    </button>
                    {draft.id ? (
                      <button type="button" className="mx-button mx-button--secondary" onClick={() => void remove()}>
                        Delete
                      </button>
                    ) : null}
                  </RequireRole>
                  <button type="button" className="mx-button mx-button--secondary" onClick={() => setDraft(null)}>
                    Close
                  </button>
                </div>
              </form>
            </Card>
          ) : null}
          <Card title="Try a question">
            <form className="mx-row" onSubmit={(e) => void search(e)}>
              <label htmlFor="kb-question" className="mx-visually-hidden">
                Question
              </label>
              <input
                id="kb-question"
                className="mx-input"
                value={question}
                maxLength={1000}
                placeholder="How long does a transfer take?"
                onChange={(e) => setQuestion(e.target.value)}
              />
              <button type="submit" className="mx-button mx-button--secondary" disabled={!question.trim()}>
                Search
              </button>
            </form>
            {hits?.map((h) => (
              <div key={h.chunkId} className="kb__hit" data-testid="search-hit">
                <strong>{h.title}</strong> <span className="mx-muted">similarity {h.score.toFixed(2)}</span>
                <p>{h.text}</p>
              </div>
            ))}
            {hits && hits.length === 0 ? <p className="mx-muted">No passages yet.</p> : null}
          </Card>
        </div>
      </div>
    </>
  );
}
