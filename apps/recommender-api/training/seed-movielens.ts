/**
 * Loads a MovieLens folder into a running recommender API through its import routes (items from
 * u.item, ratings from u.data) and, with --train, starts a training job and follows it.
 * `npx nx run recommender-api:seed [-- --api http://127.0.0.1:8130 --data <dir> --train]`
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadMovieLens100k, movieLens100kDir } from '@matrix/datasets';
import { cliArgs } from '@matrix/dev-harness';
import { movieLensItemLines } from '../src/demo/movielens-text';

const usage = `Usage: npx nx run recommender-api:seed -- [flags]
  --api http://127.0.0.1:8130   the recommender API
  --data <dir>                  MovieLens folder; default ../shared/datasets/movielens-100k
  --train yes                   start a training job afterwards and follow it (no: skip)`;

async function call(method: string, url: string, body?: string, contentType = 'application/json'): Promise<Record<string, unknown>> {
  const response = await fetch(url, { method, headers: body === undefined ? {} : { 'content-type': contentType }, body });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${url}: HTTP ${response.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as Record<string, unknown>;
}

async function main() {
  const args = cliArgs(usage, { api: 'http://127.0.0.1:8130', data: movieLens100kDir(), train: 'yes' });
  const ml = loadMovieLens100k(args.data);
  // u.item is Latin-1; the loader decodes it and the route takes UTF-8 lines.
  const uItem = movieLensItemLines(ml);
  const items = await call('POST', `${args.api}/api/imports/items?format=movielens`, uItem, 'text/plain');
  console.log(`items: ${JSON.stringify({ ...items, rejected: undefined })}`);
  const ratings = await call('POST', `${args.api}/api/imports/interactions?format=movielens`, readFileSync(join(args.data, 'u.data'), 'utf8'), 'text/plain');
  console.log(`ratings: ${JSON.stringify({ ...ratings, rejected: undefined })}`);
  if (args.train !== 'yes') return;
  const job = await call('POST', `${args.api}/api/training-jobs`, '{}');
  for (let last = ''; ; ) {
    const state = await call('GET', `${args.api}/api/training-jobs/${job.id as string}`);
    const line = `${state.status} ${Math.round((state.progress as number) * 100)}% ${state.stage ?? ''} ${state.detail ?? ''}`.trim();
    if (line !== last) console.log(line);
    last = line;
    if (!['queued', 'running'].includes(state.status as string)) {
      if (state.status !== 'succeeded') throw new Error(`training ${state.status}: ${state.error}`);
      console.log(JSON.stringify(state.result));
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

main().catch((error) => {
  console.error((error as Error).message);
  process.exit(1);
});
