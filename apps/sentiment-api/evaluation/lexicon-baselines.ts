import Sentiment from 'sentiment';
import { SentimentIntensityAnalyzer } from 'vader-sentiment';
import winkNLP, { WinkMethods } from 'wink-nlp';
import winkModel from 'wink-eng-lite-web-model';

/** A lexicon method: a text's polarity score, and the binary prediction made from it. */
export interface LexiconBaseline {
  name: string;
  /** How the score becomes a label, for the printed table. */
  rule: string;
  score(text: string): number;
  /** 1 = positive. A score of exactly 0 (no sentiment words found) counts as negative. */
  predict(text: string): 0 | 1;
}

let wink: WinkMethods | undefined;
let afinn: Sentiment | undefined;

/** wink-nlp with its English lite model: the document sentiment in [−1, 1]. */
export function winkScore(text: string): number {
  wink ??= winkNLP(winkModel);
  return wink.readDoc(text).out(wink.its.sentiment) as number;
}

/** AFINN-165 through the `sentiment` package: the summed word valences (negation-aware). */
export function afinnScore(text: string): number {
  afinn ??= new Sentiment();
  return afinn.analyze(text).score;
}

/** VADER: the compound score in [−1, 1]. */
export function vaderScore(text: string): number {
  return SentimentIntensityAnalyzer.polarity_scores(text).compound;
}

const positiveAbove = (name: string, rule: string, score: (text: string) => number): LexiconBaseline => ({
  name,
  rule,
  score,
  predict: (text) => (score(text) > 0 ? 1 : 0),
});

/**
 * The three lexicon baselines printed beside the model. Each is positive when its score is > 0;
 * for VADER that is `compound > 0` (not the ≥ 0.05 "positive" band VADER's README suggests for
 * three classes, and not ≥ 0, which sends every sentence without sentiment words to positive).
 */
export const LEXICON_BASELINES: readonly LexiconBaseline[] = [
  positiveAbove('wink-nlp', 'sentiment > 0', winkScore),
  positiveAbove('AFINN (sentiment)', 'score > 0', afinnScore),
  positiveAbove('VADER', 'compound > 0', vaderScore),
];
