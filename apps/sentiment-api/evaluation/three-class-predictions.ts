import type { Analysis } from '@matrix/sentiment-contract';

/** The three-class id (0 negative, 1 neutral, 2 positive) the API's answer gives a text: its label; MIXED by the sign of its score. */
export function threeClassOfAnalysis(analysis: Pick<Analysis, 'label' | 'score'>): number {
  switch (analysis.label) {
    case 'NEGATIVE':
      return 0;
    case 'NEUTRAL':
      return 1;
    case 'POSITIVE':
      return 2;
    default:
      return analysis.score >= 0 ? 2 : 0;
  }
}

/** The rule before the three-class head, on the binary head's P(positive): score 2p − 1, POSITIVE ≥ 0.25, NEGATIVE ≤ −0.25, else NEUTRAL. */
export function thresholdRuleClass(positiveProbability: number): number {
  const score = 2 * positiveProbability - 1;
  if (score >= 0.25) return 2;
  if (score <= -0.25) return 0;
  return 1;
}
