import { listenOnRandomPort, type RunningApi } from '@matrix/dev-harness';
import { loadMovieLens100k, type MovieLens100k } from '@matrix/datasets';
import { createProductApp } from '@matrix/product-server';
import { RECOMMENDER_APP_OPTIONS } from '../../src/app-options';
import { RecommenderModule } from '../../src/recommender.module';
import { MOVIELENS_GENRES } from '../../src/imports/import-parsers';

export { call, waitFor, type Json, type RunningApi } from '@matrix/dev-harness';

/** The recommender API in this process on a random port (as main.ts builds it, with the test's env). */
export async function startApi(env: Record<string, string>): Promise<RunningApi> {
  return listenOnRandomPort(await createProductApp(RecommenderModule.forRoot(), { ...RECOMMENDER_APP_OPTIONS, env: { LOG_LEVEL: 'warn', ...env } }));
}

/**
 * A small slice of the real MovieLens 100K (read from ../shared/datasets at test time; the data
 * may not be redistributed, so nothing is committed): the ratings of users ≤ maxUser on movies ≤
 * maxItem, as u.data / u.item text the import routes take.
 */
export function movieLensSlice(maxUser: number, maxItem: number): { uData: string; uItem: string; ml: MovieLens100k; ratings: MovieLens100k['ratings'] } {
  const ml = loadMovieLens100k();
  const ratings = ml.ratings.filter((r) => r.userId <= maxUser && r.itemId <= maxItem);
  const uData = ratings.map((r) => `${r.userId}\t${r.itemId}\t${r.rating}\t${r.timestamp}`).join('\n');
  const uItem = ml.movies
    .filter((m) => m.id <= maxItem)
    .map((m) =>
      [m.id, m.title, m.releaseDate ?? '', m.videoReleaseDate ?? '', m.imdbUrl ?? '', ...MOVIELENS_GENRES.map((g) => (m.genres.includes(g) ? '1' : '0'))].join(
        '|',
      ),
    )
    .join('\n');
  return { uData, uItem, ml, ratings };
}
