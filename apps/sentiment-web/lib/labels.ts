import type { Tone } from '@matrix/product-ui';
import type { SentimentLabel } from './api-types';

/** How each label looks everywhere in the app (badges, highlights, charts). */
export const LABEL_STYLE: Record<SentimentLabel, { title: string; tone: Tone; color: string }> = {
  POSITIVE: { title: 'Positive', tone: 'positive', color: '#2b8a3e' },
  NEGATIVE: { title: 'Negative', tone: 'negative', color: '#c92a2a' },
  NEUTRAL: { title: 'Neutral', tone: 'neutral', color: '#868e96' },
  MIXED: { title: 'Mixed', tone: 'warning', color: '#e67700' },
};

/** +0.82 / −0.40 / 0.00: the sign matters when reading scores. */
export function formatScore(score: number): string {
  if (!Number.isFinite(score)) return '–';
  const fixed = Math.abs(score).toFixed(2);
  if (fixed === '0.00') return '0.00';
  return score > 0 ? `+${fixed}` : `−${fixed}`;
}
