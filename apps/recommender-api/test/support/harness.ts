import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadMovieLens100k, type MovieLens100k } from '@matrix/datasets';
import { createProductApp } from '@matrix/product-server';
import { RECOMMENDER_APP_OPTIONS } from '../../src/app-options';
import { RecommenderModule } from '../../src/recommender.module';
import { MOVIELENS_GENRES } from '../../src/imports/import-parsers';

export interface RunningApi {
  app: NestFastifyApplication;
  url: string;
  close(): Promise<void>;
}

export async function startApi(env: Record<string, string>): Promise<RunningApi> {
  const app = await createProductApp(RecommenderModule.forRoot(), { ...RECOMMENDER_APP_OPTIONS, env: { LOG_LEVEL: 'warn', ...env } });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.getHttpServer().address() as { port: number };
  return { app, url: `http://127.0.0.1:${port}`, close: () => app.close() };
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- assertions walk arbitrary response JSON
export type Json = any;

export async function call(method: string, url: string, body?: unknown, contentType = 'application/json'): Promise<{ status: number; body: Json }> {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'content-type': contentType },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: Json;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = text;
  }
  return { status: response.status, body: parsed };
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
    .map((m) => [m.id, m.title, m.releaseDate ?? '', m.videoReleaseDate ?? '', m.imdbUrl ?? '', ...MOVIELENS_GENRES.map((g) => (m.genres.includes(g) ? '1' : '0'))].join('|'))
    .join('\n');
  return { uData, uItem, ml, ratings };
}
