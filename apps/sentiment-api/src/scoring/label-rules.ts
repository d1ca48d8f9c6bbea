import { SENTIMENT_LABELS, SentimentLabel } from '@matrix/sentiment-contract';

/** Document labels (AWS Comprehend's four); sentences are never MIXED. */
export const LABELS = SENTIMENT_LABELS;
export type { SentimentLabel };

/** |score| at or beyond this is POSITIVE/NEGATIVE; inside it, NEUTRAL (p in (0.375, 0.625) for a binary head). */
export const POLAR_THRESHOLD = 0.25;
/** A document is MIXED when it has a sentence at least this positive and one at least this negative. */
export const MIXED_THRESHOLD = 0.5;

/**
 * Score in [-1, 1] from the head's class probabilities: P(positive) − P(negative). For the binary
 * SST-2 head that is exactly 2p − 1; a three-class head (with neutral) maps the same way.
 */
export function scoreFromProbabilities(positive: number, negative: number): number {
  return clamp(positive - negative);
}

function clamp(score: number): number {
  return Math.max(-1, Math.min(1, score));
}

export function labelForScore(score: number): Exclude<SentimentLabel, 'MIXED'> {
  if (score >= POLAR_THRESHOLD) return 'POSITIVE';
  if (score <= -POLAR_THRESHOLD) return 'NEGATIVE';
  return 'NEUTRAL';
}

export interface ScoredSentence {
  text: string;
  score: number;
}

export interface DocumentSentiment {
  label: SentimentLabel;
  /** Length-weighted mean of the sentence scores: a long sentence counts more than "Ok.". */
  score: number;
  /** Sum of |sentence score| (Google Natural Language style): how much emotion, whatever its direction. */
  magnitude: number;
}

/** The document's label, score and magnitude from its sentences (see the rules above). */
export function documentSentiment(sentences: ScoredSentence[]): DocumentSentiment {
  if (sentences.length === 0) return { label: 'NEUTRAL', score: 0, magnitude: 0 };
  let weighted = 0;
  let weights = 0;
  let magnitude = 0;
  for (const sentence of sentences) {
    const weight = Math.max(1, sentence.text.length);
    weighted += weight * sentence.score;
    weights += weight;
    magnitude += Math.abs(sentence.score);
  }
  const score = clamp(weighted / weights);
  const mixed = sentences.some((s) => s.score >= MIXED_THRESHOLD) && sentences.some((s) => s.score <= -MIXED_THRESHOLD);
  return { label: mixed ? 'MIXED' : labelForScore(score), score, magnitude };
}
