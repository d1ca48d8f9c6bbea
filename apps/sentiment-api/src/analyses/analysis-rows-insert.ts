import { Prisma, type DbClient, type DbTransaction } from '@matrix/db';
import type { AnalysisRow } from './analysis-dto';

/**
 * Inserts analysis rows with one multi-row INSERT. Prisma's create and createMany go through its query compiler and
 * plan interpreter: about 1 ms of CPU per single-row insert (createMany is compiled afresh every call), a visible share
 * of each POST /api/analyze in its CPU profile; a raw INSERT costs about a third of it. Prisma.sql keeps the values
 * parameterised and the statement provider-neutral, and the driver adapters write a Date as they write DateTime fields
 * (the same stored text on SQLite). ≤ 100 rows per call (the batch route's limit) × 14 parameters stays far below
 * SQLite's and PostgreSQL's parameter limits.
 */
export async function insertAnalysisRows(db: DbTransaction | DbClient, rows: readonly AnalysisRow[]): Promise<void> {
  const values = rows.map(
    (r) =>
      Prisma.sql`(${r.id}, ${r.text}, ${r.label}, ${r.score}, ${r.magnitude}, ${r.positiveProbability}, ${r.sentences}, ${r.sentenceCount}, ${r.source}, ${r.jobId}, ${r.rowNumber}, ${r.model}, ${r.modelVersion}, ${r.createdAt})`,
  );
  await db.$executeRaw`INSERT INTO "SentimentAnalysis" ("id", "text", "label", "score", "magnitude", "positiveProbability", "sentences", "sentenceCount", "source", "jobId", "rowNumber", "model", "modelVersion", "createdAt") VALUES ${Prisma.join(values)}`;
}
