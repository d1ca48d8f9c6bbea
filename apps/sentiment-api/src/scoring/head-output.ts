import { ApiError } from '@matrix/product-server';

/** Where P(positive) and P(negative) sit in a head's `scores` (labels vary: positive, POSITIVE, LABEL_1…). */
export interface LabelKeys {
  positive: string;
  negative: string | undefined;
}

const POSITIVE = /^(pos|positive|label_1|1)$/i;
const NEGATIVE = /^(neg|negative|label_0|0)$/i;

/**
 * Finds the positive and negative classes among a head's labels: the SST-2 head uses
 * negative/positive, DistilBERT SST-2 NEGATIVE/POSITIVE, a three-class head adds neutral.
 * A head without a positive class cannot score sentiment: that is the model's fault (502).
 */
export function labelKeys(scores: Record<string, number>, model: string): LabelKeys {
  const labels = Object.keys(scores);
  const positive = labels.find((label) => POSITIVE.test(label));
  if (!positive) {
    throw new ApiError(502, 'model_output_unexpected', `model '${model}' has labels [${labels.join(', ')}]; a sentiment head needs a 'positive' label`);
  }
  return { positive, negative: labels.find((label) => NEGATIVE.test(label)) };
}

/** P(positive) and P(negative) of one result; a binary head without a named negative class gets 1 − p. */
export function polarity(scores: Record<string, number>, keys: LabelKeys): { positive: number; negative: number } {
  const positive = scores[keys.positive] ?? 0;
  const negative = keys.negative !== undefined ? (scores[keys.negative] ?? 0) : 1 - positive;
  return { positive, negative };
}
