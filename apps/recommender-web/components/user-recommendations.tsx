'use client';
import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useState, type FormEvent } from 'react';
import { Card, DataTable, DemoDataBanner, ErrorBanner, useApiQuery, withQuery } from '@matrix/product-ui';
import type { EventView, Page, Recommendations, UserView } from '../lib/api-types';
import { RecommendationList } from './recommendation-list';

/** Pick a user (the URL keeps ?user, ?k, ?category) → their top-k with reasons, beside their recent activity. */
export function UserRecommendations() {
  const router = useRouter();
  const params = useSearchParams();
  const userId = params.get('user') ?? '';
  const k = params.get('k') ?? '10';
  const category = params.get('category') ?? '';
  const [draft, setDraft] = useState(userId);
  const users = useApiQuery<Page<UserView>>(withQuery('/api/users', { pageSize: 100 }));
  const categories = useApiQuery<Array<{ category: string; items: number }>>('/api/categories');
  const recommendations = useApiQuery<Recommendations>(userId ? withQuery(`/api/users/${encodeURIComponent(userId)}/recommendations`, { k, category }) : null);
  const history = useApiQuery<Page<EventView>>(userId ? withQuery('/api/events', { userId, pageSize: 10 }) : null);

  const { reload: reloadUsers } = users;
  const { reload: reloadCategories } = categories;
  // The first-run demo finished while the page was open: show its users and categories.
  const demoLoaded = useCallback(() => {
    reloadUsers();
    reloadCategories();
  }, [reloadUsers, reloadCategories]);
  const mostActive = [...(users.data?.items ?? [])].sort((a, b) => b.interactions - a.interactions).slice(0, 6);

  const go = (next: { user?: string; k?: string; category?: string }) => {
    const query = { user: next.user ?? userId, k: next.k ?? k, category: next.category ?? category };
    router.replace(withQuery('/', query));
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    go({ user: draft.trim() });
  };

  return (
    <>
      <DemoDataBanner what="the MovieLens 100K demo (1,682 movies, 100,000 ratings, then a first training)" onLoaded={demoLoaded} />
      <Card>
        <form className="mx-row recommender-toolbar" onSubmit={submit} aria-label="Choose a user">
          <div className="mx-field">
            <label htmlFor="user-id">User</label>
            <input
              id="user-id"
              className="mx-input"
              list="known-users"
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
              placeholder="user id, e.g. 13"
            />
            <datalist id="known-users">
              {(users.data?.items ?? []).map((u) => (
                <option key={u.id} value={u.id}>{`${u.interactions} interactions`}</option>
              ))}
            </datalist>
          </div>
          <div className="mx-field">
            <label htmlFor="rec-k">How many</label>
            <select id="rec-k" className="mx-select" value={k} onChange={(e) => go({ k: e.target.value })}>
              {['5', '10', '20', '50'].map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </div>
          <div className="mx-field">
            <label htmlFor="rec-category">Category</label>
            <select id="rec-category" className="mx-select" value={category} onChange={(e) => go({ category: e.target.value })}>
              <option value="">All categories</option>
              {(categories.data ?? []).map((c) => (
                <option key={c.category} value={c.category}>{`${c.category} (${c.items})`}</option>
              ))}
            </select>
          </div>
          <button type="submit" className="mx-button" disabled={!draft.trim()}>
            Recommend
          </button>
        </form>
      </Card>
      <ErrorBanner error={recommendations.error ?? users.error} title="Recommendations could not be loaded" />
      {!userId ? <p className="mx-muted">Pick a user to see what the recommender suggests for them, and why. Unknown ids get cold-start picks.</p> : null}
      {!userId && mostActive.length ? (
        <nav className="mx-row" aria-label="Users to try">
          <span className="mx-muted">Try:</span>
          {mostActive.map((u) => (
            <button key={u.id} type="button" className="mx-button mx-button--secondary" onClick={() => go({ user: u.id })}>
              {`user ${u.id} (${u.interactions} interactions)`}
            </button>
          ))}
        </nav>
      ) : null}
      {userId && recommendations.data ? (
        <div className="recommender-columns">
          <Card title={`For user ${userId}`} ariaLabel="Recommendations">
            <RecommendationList result={recommendations.data} caption={`Top ${k} for user ${userId}`} />
          </Card>
          <Card title="Recent activity" ariaLabel="Recent activity">
            <DataTable<EventView>
              caption={`Latest events of user ${userId}`}
              hideCaption
              rows={history.data?.items ?? []}
              rowKey={(row) => row.id}
              emptyMessage="No events yet: this user gets cold-start picks."
              columns={[
                { key: 'itemTitle', header: 'Item', render: (row) => <Link href={`/items/${encodeURIComponent(row.itemId)}`}>{row.itemTitle}</Link> },
                { key: 'type', header: 'Event', render: (row) => (row.type === 'rating' ? `rated ${row.value}★` : row.type) },
                { key: 'timestamp', header: 'When', render: (row) => row.timestamp.slice(0, 10) },
              ]}
            />
            {history.data ? <p className="mx-muted">{`${history.data.total} events in all`}</p> : null}
          </Card>
        </div>
      ) : null}
    </>
  );
}
