/** A person's verdict on one suggested tag. */
export interface Review {
  confidence: number;
  confirmed: boolean;
}

export interface TunedThreshold {
  threshold: number;
  /** On the reviews, at that threshold. */
  precision: number;
  recall: number;
  f1: number;
  confirmed: number;
  rejected: number;
}

/**
 * The per-tag threshold that best separates what people confirmed from what they rejected: the
 * cut (at a review's confidence) with the highest F1 on the reviews, ties to the higher cut (fewer
 * wrong tags shown), then placed halfway down to the next lower review so that it does not sit on
 * one example. Undefined until there are `minReviews` reviews, at least one of them a confirmation.
 */
export function tuneThreshold(reviews: Review[], minReviews: number): TunedThreshold | undefined {
  const confirmed = reviews.filter((r) => r.confirmed).length;
  const rejected = reviews.length - confirmed;
  if (reviews.length < minReviews || confirmed === 0) return undefined;
  const cuts = [...new Set(reviews.map((r) => r.confidence))].sort((a, b) => b - a);
  let best: { cut: number; precision: number; recall: number; f1: number } | undefined;
  for (const cut of cuts) {
    const tp = reviews.filter((r) => r.confirmed && r.confidence >= cut).length;
    const fp = reviews.filter((r) => !r.confirmed && r.confidence >= cut).length;
    const precision = tp + fp ? tp / (tp + fp) : 0;
    const recall = tp / confirmed;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    if (!best || f1 > best.f1 + 1e-12) best = { cut, precision, recall, f1 };
  }
  if (!best) return undefined;
  const below = cuts.find((c) => c < (best as { cut: number }).cut);
  const threshold = below === undefined ? best.cut : (best.cut + below) / 2;
  return { threshold: Math.round(threshold * 1e4) / 1e4, precision: best.precision, recall: best.recall, f1: best.f1, confirmed, rejected };
}
