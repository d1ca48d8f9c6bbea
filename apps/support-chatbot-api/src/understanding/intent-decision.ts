/**
 * How the bot turns class probabilities into an action, as Rasa's FallbackClassifier does: below
 * a confidence threshold it does not guess (hand off), and when the two best intents are too close
 * (ambiguity gap) it asks the customer to rephrase, offering both.
 */
export type DecisionKind = 'answer' | 'clarify' | 'handoff';

export interface IntentScore {
  intent: string;
  score: number;
}

export interface IntentDecision {
  kind: DecisionKind;
  /** Why the bot did not answer (absent when it answers). */
  reason?: 'low_confidence' | 'ambiguous' | 'out_of_scope';
  top: IntentScore[];
}

export interface DecisionRule {
  /** Rasa's default nlu_threshold is 0.3. */
  threshold: number;
  /** Rasa's default ambiguity_threshold is 0.1. */
  gap: number;
}

/** The k best intents, best first. */
export function topIntents(probabilities: ArrayLike<number>, labels: readonly string[], k = 3): IntentScore[] {
  return Array.from(probabilities, (score, i) => ({ intent: labels[i], score }))
    .sort((a, b) => b.score - a.score)
    .slice(0, k);
}

export function decideIntent(probabilities: ArrayLike<number>, labels: readonly string[], rule: DecisionRule): IntentDecision {
  const top = topIntents(probabilities, labels, 3);
  const [first, second] = top;
  if (!first || first.score < rule.threshold) return { kind: 'handoff', reason: 'low_confidence', top };
  if (second && first.score - second.score < rule.gap) return { kind: 'clarify', reason: 'ambiguous', top };
  return { kind: 'answer', top };
}
