import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { defaultDatasetPath, requireDatasetPath } from '../dataset-files';
import { Movie, loadMovieLensGenres, loadMovieLensItems } from './items';
import { Rating, RatingSplit, loadMovieLensRatings } from './ratings';
import { MovieLensUser, loadMovieLensUsers } from './users';

export interface MovieLens100k {
  ratings: Rating[];
  movies: Movie[];
  users: MovieLensUser[];
  genres: string[];
}

/** A split GroupLens ships: `u1`..`u5` (5-fold 80/20) and `ua`/`ub` (10 test ratings per user). */
export interface ShippedRatingSplit extends RatingSplit {
  name: string;
}

/** Split names in the order GroupLens documents them (README: u1..u5, then ua, ub). */
export const MOVIELENS_SHIPPED_SPLIT_NAMES = ['u1', 'u2', 'u3', 'u4', 'u5', 'ua', 'ub'] as const;

/** Folder of the shipped MovieLens 100K (GroupLens: research use only, no redistribution). */
export function movieLens100kDir(): string {
  return defaultDatasetPath('movielens-100k');
}

/** The full set from a folder in the ML-100K layout: u.data, u.item, u.user, u.genre. */
export function loadMovieLens100k(dir: string = movieLens100kDir()): MovieLens100k {
  requireDatasetPath(dir);
  const genres = loadMovieLensGenres(join(dir, 'u.genre'));
  return {
    ratings: loadMovieLensRatings(join(dir, 'u.data')),
    movies: loadMovieLensItems(join(dir, 'u.item'), genres),
    users: loadMovieLensUsers(join(dir, 'u.user')),
    genres,
  };
}

/**
 * Whichever shipped `<name>.base` / `<name>.test` pairs exist in the folder (this copy has u1, ua
 * and ub; a full download has u1..u5 as well), in documented order.
 */
export function loadMovieLensShippedSplits(dir: string = movieLens100kDir()): ShippedRatingSplit[] {
  requireDatasetPath(dir);
  return MOVIELENS_SHIPPED_SPLIT_NAMES.filter((name) => existsSync(join(dir, `${name}.base`)) && existsSync(join(dir, `${name}.test`))).map((name) => ({
    name,
    train: loadMovieLensRatings(join(dir, `${name}.base`)),
    test: loadMovieLensRatings(join(dir, `${name}.test`)),
  }));
}
