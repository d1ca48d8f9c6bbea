import { insertRows, type DbTransaction } from '@matrix/db';
import type { ImageRow } from './image-view';

/** Some of the images were stored (same SHA-256) by another upload since this one looked: the caller's transaction must roll back. */
export class ImagesStoredMeanwhile extends Error {
  constructor(readonly count: number) {
    super(`${count} of these images were stored by another upload meanwhile`);
    this.name = 'ImagesStoredMeanwhile';
  }
}

const COLUMNS = [
  'id',
  'sha256',
  'filename',
  'format',
  'width',
  'height',
  'bytes',
  'collection',
  'status',
  'error',
  'classifierModel',
  'classifierVersion',
  'detectorModel',
  'detectorVersion',
  'taggedAt',
  'createdAt',
] as const satisfies ReadonlyArray<keyof ImageRow>;

/**
 * Inserts image rows (without their tags) with multi-row INSERT statements (insertRows: Prisma's createMany
 * was among an upload's top CPU costs). A SHA-256 already stored is skipped by ON CONFLICT and reported as
 * ImagesStoredMeanwhile.
 */
export async function insertImageRows(tx: DbTransaction, rows: Array<Omit<ImageRow, 'tags'>>): Promise<void> {
  const inserted = await insertRows(tx, 'ImageTaggerImage', COLUMNS, rows, { skipConflictsOn: ['sha256'] });
  if (inserted < rows.length) throw new ImagesStoredMeanwhile(rows.length - inserted);
}
