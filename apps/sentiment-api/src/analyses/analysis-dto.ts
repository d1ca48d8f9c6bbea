import type { Prisma } from '@matrix/db';
import type { SentimentLabel } from '../scoring/label-rules';
import type { SentenceResult } from '../scoring/sentiment-scorer';

export type AnalysisRow = Prisma.SentimentAnalysisGetPayload<object>;

/** An analysis as the API returns it. */
export interface Analysis {
  id: string;
  text: string;
  label: SentimentLabel;
  score: number;
  magnitude: number;
  positiveProbability: number;
  sentences: SentenceResult[];
  source: string | null;
  jobId: string | null;
  /** 1-based data row of the CSV upload (jobId) it came from. */
  rowNumber: number | null;
  model: string;
  modelVersion: string;
  createdAt: string;
}

export function toAnalysis(row: AnalysisRow): Analysis {
  return {
    id: row.id,
    text: row.text,
    label: row.label as SentimentLabel,
    score: row.score,
    magnitude: row.magnitude,
    positiveProbability: row.positiveProbability,
    sentences: JSON.parse(row.sentences) as SentenceResult[],
    source: row.source,
    jobId: row.jobId,
    rowNumber: row.rowNumber,
    model: row.model,
    modelVersion: row.modelVersion,
    createdAt: row.createdAt.toISOString(),
  };
}
