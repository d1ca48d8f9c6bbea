import type { ClassProbabilities } from './label-rules';
import { fuseHeads } from './head-fusion';
import { stackedProbabilities, type StackedModel } from './stacked-decision';

/** Where a sentence's polar direction (positive vs negative) comes from. */
export const POLARITY_SOURCES = ['binary-head', 'three-class-head'] as const;
export type PolaritySource = (typeof POLARITY_SOURCES)[number];
/** The polarity sources, or 'stacked': a logistic regression over both heads' outputs (stacked-decision.ts). */
export const DECISION_KINDS = [...POLARITY_SOURCES, 'stacked'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

/**
 * How the API turns the two heads' outputs into a sentence's three-class probabilities. It is part of
 * the three-class artifact (decision.json beside its weights), chosen on data held out from training
 * by training/three-class/choose-decision.ts, never on a reported test or dev split.
 */
export interface ThreeClassDecision {
  /**
   * 'binary-head': P(neutral) from the three-class head, the rest split by the binary head's
   * P(positive) (head-fusion.ts); 'three-class-head': the three-class head's own probabilities;
   * 'stacked': the `stacked` model's probabilities from both heads' outputs.
   */
  polarity: DecisionKind;
  /**
   * Per-class multipliers applied before renormalising (a prior correction: the heads were trained on
   * another class mix than the one they meet, and macro-F1 weighs every class the same).
   */
  classWeights: ClassProbabilities;
  /** With polarity 'stacked' only. */
  stacked?: StackedModel;
}

/** Before a decision was chosen: fusion, probabilities as they come. */
export const UNWEIGHTED_FUSION: ThreeClassDecision = { polarity: 'binary-head', classWeights: { negative: 1, neutral: 1, positive: 1 } };

/** One sentence's probabilities under `decision`; they sum to 1, and argmax is its label. */
export function decideProbabilities(binaryPositive: number, threeClass: ClassProbabilities, decision: ThreeClassDecision): ClassProbabilities {
  const p = headProbabilities(binaryPositive, threeClass, decision);
  const w = decision.classWeights;
  const negative = w.negative * p.negative;
  const neutral = w.neutral * p.neutral;
  const positive = w.positive * p.positive;
  const total = negative + neutral + positive;
  // All-zero (cannot happen with softmax outputs and positive weights): say neutral rather than divide by 0.
  if (!(total > 0)) return { negative: 0, neutral: 1, positive: 0 };
  return { negative: negative / total, neutral: neutral / total, positive: positive / total };
}

function headProbabilities(binaryPositive: number, threeClass: ClassProbabilities, decision: ThreeClassDecision): ClassProbabilities {
  if (decision.polarity === 'binary-head') return fuseHeads(binaryPositive, threeClass);
  if (decision.polarity === 'three-class-head') return threeClass;
  if (!decision.stacked) throw new Error("a 'stacked' three-class decision needs its stacked model");
  return stackedProbabilities(binaryPositive, threeClass, decision.stacked);
}
