'use client';
import { Badge, Card, ErrorBanner, useApiQuery, withQuery } from '@matrix/product-ui';
import type { ItemView, Recommendations } from '../lib/api-types';
import { RecommendationList } from './recommendation-list';

/** One item and the items most similar to it. */
export function ItemDetail({ itemId }: { itemId: string }) {
  const item = useApiQuery<ItemView>(`/api/items/${encodeURIComponent(itemId)}`);
  const similar = useApiQuery<Recommendations>(withQuery(`/api/items/${encodeURIComponent(itemId)}/similar`, { k: 10 }));
  return (
    <>
      <ErrorBanner error={item.error ?? similar.error} title="The item could not be loaded" />
      {item.data ? (
        <Card ariaLabel="Item">
          <h2 className="recommender-item-title">{item.data.title}</h2>
          <p className="mx-row">
            {item.data.categories.map((c) => (
              <Badge key={c} tone="accent">
                {c}
              </Badge>
            ))}
          </p>
          {item.data.description ? <p>{item.data.description}</p> : null}
          <p className="mx-muted">{`Item ${item.data.id} · ${item.data.interactions ?? 0} interactions`}</p>
        </Card>
      ) : null}
      {similar.data ? (
        <Card title="Similar items" ariaLabel="Similar items">
          <RecommendationList result={similar.data} caption={`Items similar to ${item.data?.title ?? itemId}`} />
        </Card>
      ) : null}
    </>
  );
}
