import { SENTIMENT_LABELS, type Aggregates } from './api-types';

export interface HeadlineStats {
  total: number;
  /** Shares in [0, 1]; 0 when there is nothing. */
  share: Record<(typeof SENTIMENT_LABELS)[number], number>;
  /** Mean document score over all analyses (buckets weighted by their counts); null when none. */
  meanScore: number | null;
}

function bucketCount(bucket: Aggregates['series'][number]): number {
  return SENTIMENT_LABELS.reduce((sum, label) => sum + (bucket[label] ?? 0), 0);
}

/** The dashboard's headline numbers from the aggregates route. */
export function headlineStats(aggregates: Aggregates): HeadlineStats {
  const total = SENTIMENT_LABELS.reduce((sum, label) => sum + (aggregates.byLabel[label] ?? 0), 0);
  const share = Object.fromEntries(
    SENTIMENT_LABELS.map((label) => [label, total > 0 ? (aggregates.byLabel[label] ?? 0) / total : 0]),
  ) as HeadlineStats['share'];
  let weighted = 0;
  let counted = 0;
  for (const bucket of aggregates.series) {
    const count = bucketCount(bucket);
    if (bucket.meanScore === null || bucket.meanScore === undefined || count === 0) continue;
    weighted += bucket.meanScore * count;
    counted += count;
  }
  return { total, share, meanScore: counted > 0 ? weighted / counted : null };
}
