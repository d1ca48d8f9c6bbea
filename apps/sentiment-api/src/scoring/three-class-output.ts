import { ApiError } from '@matrix/product-server';
import type { ClassProbabilities } from './label-rules';

const CLASS_PATTERNS: Record<keyof ClassProbabilities, RegExp> = {
  negative: /^(neg|negative)$/i,
  neutral: /^(neu|neutral)$/i,
  positive: /^(pos|positive)$/i,
};

/**
 * P(negative), P(neutral), P(positive) of a three-class head's result (labels negative/neutral/positive
 * in any case, as TweetEval-style heads name them). A head missing one of them cannot label
 * sentences: that is the model's fault (502).
 */
export function threeClassProbabilities(scores: Record<string, number>, model: string): ClassProbabilities {
  const labels = Object.keys(scores);
  const find = (key: keyof ClassProbabilities) => {
    const label = labels.find((l) => CLASS_PATTERNS[key].test(l));
    if (label === undefined)
      throw new ApiError(
        502,
        'model_output_unexpected',
        `model '${model}' has labels [${labels.join(', ')}]; a three-class head needs negative, neutral and positive`,
      );
    return scores[label];
  };
  return { negative: find('negative'), neutral: find('neutral'), positive: find('positive') };
}
