import { Prisma, type DbTransaction } from '@matrix/db';
import type { ImageRow } from './image-view';

/** Rows per INSERT: 16 parameters each stays far below SQLite's 32,766 and PostgreSQL's 65,535. */
const ROWS_PER_STATEMENT = 1000;

/** Some of the images were stored (same SHA-256) by another upload since this one looked: the caller's transaction must roll back. */
export class ImagesStoredMeanwhile extends Error {
  constructor(readonly count: number) {
    super(`${count} of these images were stored by another upload meanwhile`);
    this.name = 'ImagesStoredMeanwhile';
  }
}

/**
 * Inserts image rows (without their tags) with multi-row INSERT statements, as insertTagRows does for
 * tags: Prisma's createMany compiles every call in its query compiler (WebAssembly), which the CPU
 * profile of an upload showed among its top costs. Prisma.sql keeps it parameterised and provider-neutral,
 * and the driver adapters write Date parameters as they write DateTime fields. A SHA-256 already stored
 * is skipped by ON CONFLICT (SQLite and PostgreSQL alike) and reported as ImagesStoredMeanwhile.
 */
export async function insertImageRows(tx: DbTransaction, rows: Array<Omit<ImageRow, 'tags'>>): Promise<void> {
  let inserted = 0;
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const values = rows
      .slice(start, start + ROWS_PER_STATEMENT)
      .map(
        (r) =>
          Prisma.sql`(${r.id}, ${r.sha256}, ${r.filename}, ${r.format}, ${r.width}, ${r.height}, ${r.bytes}, ${r.collection}, ${r.status}, ${r.error}, ${r.classifierModel}, ${r.classifierVersion}, ${r.detectorModel}, ${r.detectorVersion}, ${r.taggedAt}, ${r.createdAt})`,
      );
    inserted +=
      await tx.$executeRaw`INSERT INTO "ImageTaggerImage" ("id", "sha256", "filename", "format", "width", "height", "bytes", "collection", "status", "error", "classifierModel", "classifierVersion", "detectorModel", "detectorVersion", "taggedAt", "createdAt") VALUES ${Prisma.join(values)} ON CONFLICT ("sha256") DO NOTHING`;
  }
  if (inserted < rows.length) throw new ImagesStoredMeanwhile(rows.length - inserted);
}
