import Link from 'next/link';
import { Badge, DataTable } from '@matrix/product-ui';
import type { RecommendedItem, Recommendations } from '../lib/api-types';
import { ratingText, STRATEGY_TEXT } from '../lib/model-charts';

/** A ranked list of items with the reason for each, and how the list was made. */
export function RecommendationList({ result, caption }: { result: Recommendations; caption: string }) {
  return (
    <>
      <p className="mx-muted" data-testid="strategy">
        <Badge tone={result.strategy === 'popularity' ? 'warning' : 'accent'}>{result.strategy}</Badge> {STRATEGY_TEXT[result.strategy]}
        {result.modelVersion ? ` · model ${result.modelVersion}` : ' · no trained model yet'}
      </p>
      <DataTable<RecommendedItem & { rank: number }>
        caption={caption}
        rows={result.items.map((item, i) => ({ ...item, rank: i + 1 }))}
        rowKey={(row) => row.itemId}
        emptyMessage="Nothing to recommend with these filters."
        columns={[
          { key: 'rank', header: '#', numeric: true, width: '40px' },
          {
            key: 'title',
            header: 'Item',
            render: (row) => (
              <Link href={`/items/${encodeURIComponent(row.itemId)}`} className="recommender-item-link">
                {row.title}
              </Link>
            ),
          },
          { key: 'categories', header: 'Categories', render: (row) => row.categories.join(', ') },
          { key: 'reason', header: 'Why', render: (row) => <span className="recommender-reason">{row.reason}</span> },
          { key: 'predictedRating', header: 'Predicted', numeric: true, render: (row) => ratingText(row.predictedRating) },
        ]}
      />
    </>
  );
}
