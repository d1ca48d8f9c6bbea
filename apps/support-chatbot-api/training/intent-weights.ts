import { argmaxRows, chooseMemberWeights, weightedAverage } from '@matrix/model-training';
import { decideIntent, type DecisionRule } from '../src/understanding/intent-decision';
import type { TunedMember } from './intent-members';

/** The USE member's weight (the n-gram member gets the rest) and how the blend does on the held-out rows. */
export interface IntentWeightChoice {
  weight: number;
  accuracy: number;
  /** Every USE weight tried (0, 0.05, …, 1) and its held-out accuracy. */
  grid: Array<{ weight: number; accuracy: number }>;
  memberAccuracy: number[];
  /** Share of held-out rows the decision rule does not answer (handoff or rephrase), and accuracy on the rest. */
  notAnsweredRate: number;
  answeredAccuracy: number;
}

/** The ensemble weight, chosen on the held-out rows (never on test), and the shipped decision rule's effect there. */
export function chooseIntentWeight(
  tuned: Pick<TunedMember, 'heldOut'>[],
  heldOutLabels: number[],
  labels: string[],
  decision: DecisionRule,
): IntentWeightChoice {
  const classes = labels.length;
  const chosen = chooseMemberWeights(
    tuned.map((t) => t.heldOut),
    heldOutLabels,
    { classes, step: 0.05 },
  );
  const weight = chosen.weights[0];
  const memberAccuracy = tuned.map((t) => argmaxRows(t.heldOut, classes).filter((p, i) => p === heldOutLabels[i]).length / heldOutLabels.length);
  const blend = weightedAverage(
    tuned.map((t) => t.heldOut),
    [weight, 1 - weight],
  );
  const decisions = heldOutLabels.map((_, i) => decideIntent(blend.subarray(i * classes, (i + 1) * classes), labels, decision));
  const answered = decisions.map((d, i) => ({ d, i })).filter(({ d }) => d.kind === 'answer');
  return {
    weight,
    accuracy: chosen.accuracy,
    grid: chosen.grid.map((g) => ({ weight: g.weights[0], accuracy: g.accuracy })),
    memberAccuracy,
    notAnsweredRate: 1 - answered.length / decisions.length,
    answeredAccuracy: answered.filter(({ d, i }) => d.top[0].intent === labels[heldOutLabels[i]]).length / Math.max(1, answered.length),
  };
}
