import type { Prisma } from '@matrix/db';
import type { SentimentLabel } from '../scoring/label-rules';
import type { Analysis, SentenceResult } from '@matrix/sentiment-contract';

export type AnalysisRow = Prisma.SentimentAnalysisGetPayload<object>;

/** An analysis as the API returns it (the contract shared with sentiment-web). */
export type { Analysis };

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
