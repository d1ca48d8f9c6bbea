import { DatasetFormatError } from '../dataset-errors';
import { readDatasetText, splitLines } from '../dataset-files';
import { parseIdField } from './parse-id-field';

/** A MovieLens user from `u.user`. */
export interface MovieLensUser {
  id: number;
  age: number;
  /** "M" or "F" as recorded. */
  gender: string;
  occupation: string;
  /** Kept as text: some are Canadian postcodes (e.g. "T8H1N"). */
  zipCode: string;
}

/** `u.user`: pipe-separated `id|age|gender|occupation|zip`. */
export function loadMovieLensUsers(path: string): MovieLensUser[] {
  return splitLines(readDatasetText(path)).flatMap((text, index): MovieLensUser[] => {
    const line = index + 1;
    if (text.trim() === '') return [];
    const fields = text.split('|');
    if (fields.length !== 5) throw new DatasetFormatError(path, line, `expected "id|age|gender|occupation|zip", found ${fields.length} fields`);
    return [
      {
        id: parseIdField(fields[0], 'user id', path, line),
        age: parseIdField(fields[1], 'age', path, line),
        gender: fields[2],
        occupation: fields[3],
        zipCode: fields[4],
      },
    ];
  });
}
