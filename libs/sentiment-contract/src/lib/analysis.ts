/**
 * The sentiment API's resources as both sides see them: sentiment-api returns these shapes and
 * sentiment-web renders them, so a change shows up as a type error on both sides at once.
 */
export const SENTIMENT_LABELS = ['POSITIVE', 'NEGATIVE', 'NEUTRAL', 'MIXED'] as const;
export type SentimentLabel = (typeof SENTIMENT_LABELS)[number];

export interface SentenceResult {
  text: string;
  /** Offsets into the analysed text (UTF-16 units, end exclusive): `text.slice(start, end)`. */
  start: number;
  end: number;
  label: SentimentLabel;
  /** In [-1, 1]. */
  score: number;
}

/** The sentiment toward one aspect (a thing the text talks about: "staff", "battery life"). */
export interface AspectResult {
  /** The aspect as written: `text.slice(start, end)` of the analysed text. */
  text: string;
  start: number;
  end: number;
  /** The clause its polarity was read from (offsets into the analysed text). */
  context: { start: number; end: number };
  label: Exclude<SentimentLabel, 'MIXED'>;
  /** P(positive) − P(negative) of the aspect head, in [-1, 1]. */
  score: number;
}

/** POST /api/analyze/targets: the sentiment toward each given aspect, in the order given. */
export interface TargetsResponse {
  text: string;
  aspects: AspectResult[];
  model: string;
  modelVersion: string;
}

/** One aspect term over stored aspects: how often it was praised, criticised, mentioned neutrally. */
export interface AspectAggregate {
  term: string;
  positive: number;
  negative: number;
  neutral: number;
  total: number;
  /** Mean aspect score over all its mentions. */
  meanScore: number;
}

/** GET /api/analyses/aspects: the top praised and criticised aspects over a date range. */
export interface TopAspects {
  /** Most often labelled POSITIVE first (ties: higher mean score). */
  praised: AspectAggregate[];
  /** Most often labelled NEGATIVE first (ties: lower mean score). */
  criticised: AspectAggregate[];
}

/** One stored analysis. */
export interface Analysis {
  id: string;
  text: string;
  label: SentimentLabel;
  /** Length-weighted mean of the sentence scores, in [-1, 1]. */
  score: number;
  /** Sum of |sentence score|: how much emotion, whatever its sign. */
  magnitude: number;
  /** P(positive) of the whole text as one input. */
  positiveProbability: number;
  sentences: SentenceResult[];
  source: string | null;
  jobId: string | null;
  /** 1-based data row of the CSV upload (jobId) it came from. */
  rowNumber: number | null;
  model: string;
  modelVersion: string;
  createdAt: string;
  /**
   * With `targets: true` on POST /api/analyze only: the aspects found in the text (noun phrases)
   * and the sentiment toward each. Not stored (yet): the history does not return them.
   */
  aspects?: AspectResult[];
}

/** POST /api/analyze/batch: one stored analysis per text, in input order. */
export interface BatchResponse {
  results: Analysis[];
}
