import type { ClassProbabilities } from './label-rules';

/**
 * One sentence's three-class probabilities from both heads, each doing what it was trained for:
 * the three-class head (SST-5 + TweetEval) says how likely the sentence is neutral, n; the binary
 * head (67k SST-2 phrases, the stronger polarity model: 0.86 on SST-2 dev against the three-class
 * head's weaker positive-vs-negative split) says which way it leans, q = P(positive). Result:
 * [(1 − n)(1 − q), n, (1 − n) q]. Whether the API uses it, and the class weights applied after it,
 * are the artifact's decision (three-class-decision.ts).
 */
export function fuseHeads(binaryPositive: number, threeClass: ClassProbabilities): ClassProbabilities {
  const n = threeClass.neutral;
  const q = binaryPositive;
  return { negative: (1 - n) * (1 - q), neutral: n, positive: (1 - n) * q };
}
