// The sentiment API's shapes as the web uses them (contract: /work/notes/sentiment-brief.md, "API routes").

export { SENTIMENT_LABELS } from '@matrix/sentiment-contract';
export type { Analysis, SentenceResult, SentimentLabel } from '@matrix/sentiment-contract';
import type { Analysis, SentimentLabel } from '@matrix/sentiment-contract';

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
