import { SENTIMENT_LABELS, SentimentLabel } from '@matrix/sentiment-contract';

/** Document labels (AWS Comprehend's four); sentences are never MIXED. */
export const LABELS = SENTIMENT_LABELS;
export type { SentimentLabel };

/** |score| at or beyond this is POSITIVE/NEGATIVE; inside it, NEUTRAL (p in (0.375, 0.625) for a binary head). */
export const POLAR_THRESHOLD = 0.25;
/**
 * A document is MIXED when it has a sentence labelled POSITIVE with a score at least this high and one
 * labelled NEGATIVE with a score at least this low (score = P(positive) − P(negative) of the sentence):
 * some sentences clearly positive and some clearly negative. It is a rule over sentence labels, not a
 * class any head predicts.
 */
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

/** A three-class head's probabilities for one text. */
export interface ClassProbabilities {
  negative: number;
  neutral: number;
  positive: number;
}

/** The most probable of the three classes (ties: neutral, then the polar class with the higher probability). */
export function labelForProbabilities(p: ClassProbabilities): Exclude<SentimentLabel, 'MIXED'> {
  if (p.neutral >= p.positive && p.neutral >= p.negative) return 'NEUTRAL';
  return p.positive >= p.negative ? 'POSITIVE' : 'NEGATIVE';
}

export interface ScoredSentence {
  text: string;
  score: number;
  /** The sentence's label when a three-class head gave it; else it follows from the score (labelForScore). */
  label?: Exclude<SentimentLabel, 'MIXED'>;
  /** The three-class head's probabilities: the document label is then their length-weighted mean's argmax. */
  probabilities?: ClassProbabilities;
}

export interface DocumentSentiment {
  label: SentimentLabel;
  /** Length-weighted mean of the sentence scores: a long sentence counts more than "Ok.". */
  score: number;
  /** Sum of |sentence score| (Google Natural Language style): how much emotion, whatever its direction. */
  magnitude: number;
}

/** True when one part (a sentence, or an aspect) is labelled POSITIVE with score ≥ MIXED_THRESHOLD and another NEGATIVE with score ≤ −MIXED_THRESHOLD. */
export function hasClearlyOpposedParts(parts: ReadonlyArray<{ label: SentimentLabel; score: number }>): boolean {
  return parts.some((p) => p.label === 'POSITIVE' && p.score >= MIXED_THRESHOLD) && parts.some((p) => p.label === 'NEGATIVE' && p.score <= -MIXED_THRESHOLD);
}

/**
 * With targeted sentiment the aspects count too: "the staff were lovely, but breakfast was cold" is
 * one sentence, yet an aspect labelled POSITIVE and one labelled NEGATIVE make the document MIXED. The
 * aspect head's own label is the criterion (no score threshold): it has a neutral class, so a polar
 * label already means the aspect was judged, not merely mentioned.
 */
export function withAspects<T extends { label: SentimentLabel }>(document: T, aspects: ReadonlyArray<{ label: SentimentLabel }>): T {
  const opposed = aspects.some((a) => a.label === 'POSITIVE') && aspects.some((a) => a.label === 'NEGATIVE');
  return opposed ? { ...document, label: 'MIXED' } : document;
}

/** The document's label, score and magnitude from its sentences (see the rules above). */
export function documentSentiment(sentences: ScoredSentence[]): DocumentSentiment {
  if (sentences.length === 0) return { label: 'NEUTRAL', score: 0, magnitude: 0 };
  let weighted = 0;
  let weights = 0;
  let magnitude = 0;
  const mean: ClassProbabilities = { negative: 0, neutral: 0, positive: 0 };
  for (const sentence of sentences) {
    const weight = Math.max(1, sentence.text.length);
    weighted += weight * sentence.score;
    weights += weight;
    magnitude += Math.abs(sentence.score);
    if (sentence.probabilities) for (const key of ['negative', 'neutral', 'positive'] as const) mean[key] += weight * sentence.probabilities[key];
  }
  const score = clamp(weighted / weights);
  if (hasClearlyOpposedParts(sentences.map((s) => ({ label: s.label ?? labelForScore(s.score), score: s.score })))) return { label: 'MIXED', score, magnitude };
  const threeClass = sentences.every((s) => s.probabilities);
  return { label: threeClass ? labelForProbabilities(mean) : labelForScore(score), score, magnitude };
}
