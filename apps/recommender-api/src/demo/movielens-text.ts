import type { MovieLens100k } from '@matrix/datasets';
import { MOVIELENS_GENRES } from '../imports/import-parsers';

/** u.item as UTF-8 lines (the file itself is Latin-1; the loader decodes it), in the format the items import reads. */
export function movieLensItemLines(ml: Pick<MovieLens100k, 'movies'>): string {
  return ml.movies
    .map((m) =>
      [m.id, m.title, m.releaseDate ?? '', m.videoReleaseDate ?? '', m.imdbUrl ?? '', ...MOVIELENS_GENRES.map((g) => (m.genres.includes(g) ? '1' : '0'))].join(
        '|',
      ),
    )
    .join('\n');
}
