// The sentiment API's shapes as the web uses them (libs/sentiment-contract), plus the web's own view of them.

export { SENTIMENT_LABELS } from '@matrix/sentiment-contract';
export type {
  Analysis,
  AspectAggregate,
  AspectResult,
  BatchResponse,
  TopAspects,
  CsvJobView,
  Page,
  SentenceResult,
  SentimentLabel,
  UploadResponse,
} from '@matrix/sentiment-contract';
import type { CsvJobView, SentimentLabel } from '@matrix/sentiment-contract';

/** The parts of a CSV job the upload panel shows. */
export type JobState = Pick<CsvJobView, 'id' | 'status' | 'progress' | 'done' | 'error' | 'waiting' | 'retryable'> & { total: number | null };

export type LabelCounts = Partial<Record<SentimentLabel, number>>;

export interface AggregateBucket extends LabelCounts {
  bucket: string;
  meanScore: number | null;
}

export interface Aggregates {
  byLabel: LabelCounts;
  series: AggregateBucket[];
}
