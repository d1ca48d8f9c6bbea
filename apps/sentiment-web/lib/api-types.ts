// The sentiment API's shapes as the web uses them (contract: /work/notes/sentiment-brief.md, "API routes").

export const SENTIMENT_LABELS = ['POSITIVE', 'NEGATIVE', 'NEUTRAL', 'MIXED'] as const;
export type SentimentLabel = (typeof SENTIMENT_LABELS)[number];

export interface SentenceResult {
  text: string;
  /** Character offsets into the analysed text (end exclusive). */
  start: number;
  end: number;
  label: SentimentLabel;
  /** In [-1, 1]. */
  score: number;
}

export interface Analysis {
  id: string;
  text: string;
  label: SentimentLabel;
  score: number;
  magnitude: number;
  positiveProbability: number;
  sentences: SentenceResult[];
  source: string | null;
  jobId?: string | null;
  model: string;
  modelVersion: string;
  createdAt: string;
}

export interface BatchResponse {
  results: Analysis[];
}

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface JobState {
  id: string;
  status: JobStatus | string;
  /** Fraction done, 0..1. */
  progress: number;
  total: number | null;
  done: number;
  error: string | null;
}

export interface UploadResponse {
  job: JobState;
}

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

export type LabelCounts = Partial<Record<SentimentLabel, number>>;

export interface AggregateBucket extends LabelCounts {
  bucket: string;
  meanScore: number | null;
}

export interface Aggregates {
  byLabel: LabelCounts;
  series: AggregateBucket[];
}
