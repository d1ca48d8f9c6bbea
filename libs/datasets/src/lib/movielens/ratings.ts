import { DatasetFormatError } from '../dataset-errors';
import { readDatasetText, splitLines } from '../dataset-files';
import { parseIdField } from './parse-id-field';

/** One explicit rating; ids as in the MovieLens files (consecutive from 1). */
export interface Rating {
  userId: number;
  itemId: number;
  /** 1..5 stars. */
  rating: number;
  /** Unix seconds (UTC). */
  timestamp: number;
}

/** A train/test pair of ratings. */
export interface RatingSplit {
  train: Rating[];
  test: Rating[];
}

/**
 * Tab-separated `user item rating timestamp` rows: `u.data` and the shipped `*.base` / `*.test`
 * splits share this format.
 */
export function loadMovieLensRatings(path: string): Rating[] {
  // A plain loop: the shipped splits add up to 400,000 rows and tests load them all.
  const lines = splitLines(readDatasetText(path));
  const ratings: Rating[] = [];
  for (let index = 0; index < lines.length; index++) {
    const text = lines[index];
    const line = index + 1;
    if (text.trim() === '') continue;
    const fields = text.split('\t');
    if (fields.length !== 4) {
      throw new DatasetFormatError(path, line, `expected "user<TAB>item<TAB>rating<TAB>timestamp", found ${fields.length} fields`);
    }
    const rating = parseIdField(fields[2], 'rating', path, line);
    if (rating < 1 || rating > 5) throw new DatasetFormatError(path, line, `rating must be 1..5, found ${rating}`);
    ratings.push({
      userId: parseIdField(fields[0], 'user id', path, line),
      itemId: parseIdField(fields[1], 'item id', path, line),
      rating,
      timestamp: parseIdField(fields[3], 'timestamp', path, line),
    });
  }
  return ratings;
}
