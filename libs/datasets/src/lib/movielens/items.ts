import { DatasetFormatError } from '../dataset-errors';
import { readDatasetText, splitLines } from '../dataset-files';
import { parseIdField } from './parse-id-field';

/** A MovieLens movie from `u.item`. */
export interface Movie {
  id: number;
  /** Title with year, e.g. "Toy Story (1995)"; decoded from Latin-1. */
  title: string;
  /** As written, e.g. "01-Jan-1995"; null where the file leaves it empty. */
  releaseDate: string | null;
  videoReleaseDate: string | null;
  imdbUrl: string | null;
  /** Genre names from `u.genre` whose flag is 1 (a movie may have several). */
  genres: string[];
}

/** `u.genre`: `name|index` rows; returns names by index (19 in ML-100K, "unknown" first). */
export function loadMovieLensGenres(path: string): string[] {
  const genres: string[] = [];
  splitLines(readDatasetText(path)).forEach((text, index) => {
    if (text.trim() === '') return;
    const [name, position] = text.split('|');
    if (position === undefined || parseIdField(position, 'genre index', path, index + 1) !== genres.length) {
      throw new DatasetFormatError(path, index + 1, `expected "name|${genres.length}"`);
    }
    genres.push(name);
  });
  return genres;
}

const ITEM_FIXED_FIELDS = 5;

/**
 * `u.item`: pipe-separated `id|title|release|video release|IMDb URL|` then one 0/1 flag per genre.
 * The file is Latin-1 (e.g. "Misérables, Les (1995)"), so it must not be read as UTF-8.
 */
export function loadMovieLensItems(path: string, genres: readonly string[]): Movie[] {
  return splitLines(readDatasetText(path, 'latin1')).flatMap((text, index): Movie[] => {
    const line = index + 1;
    if (text.trim() === '') return [];
    const fields = text.split('|');
    if (fields.length !== ITEM_FIXED_FIELDS + genres.length) {
      throw new DatasetFormatError(path, line, `expected ${ITEM_FIXED_FIELDS + genres.length} fields, found ${fields.length}`);
    }
    const flags = fields.slice(ITEM_FIXED_FIELDS);
    const badFlag = flags.find((flag) => flag !== '0' && flag !== '1');
    if (badFlag !== undefined) throw new DatasetFormatError(path, line, `genre flags must be 0 or 1, found "${badFlag}"`);
    const orNull = (value: string) => (value === '' ? null : value);
    return [
      {
        id: parseIdField(fields[0], 'movie id', path, line),
        title: fields[1],
        releaseDate: orNull(fields[2]),
        videoReleaseDate: orNull(fields[3]),
        imdbUrl: orNull(fields[4]),
        genres: genres.filter((_, genreIndex) => flags[genreIndex] === '1'),
      },
    ];
  });
}
