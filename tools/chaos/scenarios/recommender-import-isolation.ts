import { join } from 'node:path';
import { imagenetSampleDir, loadBanking77, loadImageFolder, loadLabelledTsv, loadMovieLens100k, sst2Path } from '@matrix/datasets';
import { call, waitFor } from '@matrix/dev-harness';
import { ChaosStack } from '../chaos-stack';
import type { ChaosScenario, ChaosSettings, ScenarioOutcome } from '../chaos-scenario';
import { chatbotWriter, count5xx, imageTaggerWriter, sentimentWriter, writeSteadily, type WriterTally } from '../steady-writers';

/** Writes per second each other product takes during the import (a few people at work). */
const SENTIMENT_PER_SECOND = 2;
const CHATBOT_PER_SECOND = 0.5;
const IMAGES_PER_SECOND = 0.5;
/** The other products keep writing this long before the import starts, so every writer is warm. */
const LEAD_IN_MS = 3000;

/** MovieLens u.data lines (user<TAB>item<TAB>rating<TAB>timestamp) of the first `events` ratings, and u.item as the seed target sends it. */
function movieLensFiles(events: number, ml = loadMovieLens100k()) {
  const ratings = ml.ratings.slice(0, events).map((r) => [r.userId, r.itemId, r.rating, r.timestamp].join('\t'));
  const items = ml.movies.map((m) =>
    [m.id, m.title, m.releaseDate ?? '', m.videoReleaseDate ?? '', m.imdbUrl ?? '', ...ml.genres.map((g) => (m.genres.includes(g) ? '1' : '0'))].join('|'),
  );
  return { uData: ratings.join('\n') + '\n', uItem: items.join('\n') + '\n', events: ratings.length };
}

interface ImportOutcome {
  status: number;
  seconds: number;
  accepted: number;
  rejected: number;
  message?: string;
}

/** The import as the seed target sends it: items first, then the ratings in one request; a job-answering API (202) is followed to its end. */
async function importRatings(apiUrl: string, uData: string): Promise<ImportOutcome> {
  const started = performance.now();
  const reply = await call('POST', `${apiUrl}/api/imports/interactions?format=movielens`, uData, 'text/plain');
  let body = reply.body ?? {};
  if (reply.status === 202 && body.job?.id) {
    const id = body.job.id as string;
    body = await waitFor(
      `import job ${id}`,
      async () => {
        const job = await call('GET', `${apiUrl}/api/jobs/${encodeURIComponent(id)}`);
        return ['succeeded', 'failed', 'cancelled'].includes(job.body?.status) ? { ...(job.body.result ?? {}), error: job.body.error } : undefined;
      },
      600_000,
      500,
    );
  }
  return {
    status: reply.status,
    seconds: (performance.now() - started) / 1000,
    accepted: Number(body.accepted ?? 0),
    rejected: Number(body.rejectedCount ?? 0),
    message: reply.status >= 400 ? reply.text.slice(0, 300) : body.error,
  };
}

function describe(tally: WriterTally): string {
  const statuses = (record: Record<number, number>) =>
    Object.entries(record)
      .map(([status, n]) => `${n}×${status}`)
      .join(' ');
  return `${tally.product}: ${tally.ok}/${tally.sent} ok${count5xx(tally) ? `, 5xx ${statuses(tally.serverErrors)}` : ''}${Object.keys(tally.clientErrors).length ? `, 4xx ${statuses(tally.clientErrors)}` : ''}${tally.noAnswer ? `, ${tally.noAnswer} unanswered` : ''}${tally.skipped ? `, ${tally.skipped} ticks skipped (8 writes still waiting)` : ''}, slowest ${(tally.slowestMs / 1000).toFixed(1)} s${tally.firstFailure ? ` (first failure: ${tally.firstFailure})` : ''}`;
}

/**
 * One product's big write must not break the others: a MovieLens 100k ratings import into the
 * recommender while sentiment (analyze), the support chatbot (new conversation + message) and the
 * image tagger (photo upload) take writes at a steady rate — each product API its own process, as
 * deployed. Passes when no other product answered 5xx (or not at all) and the import stored every row.
 */
export const recommenderImportIsolation: ChaosScenario = {
  name: 'recommender-import',
  summary: 'a MovieLens ratings import into the recommender while sentiment, chatbot and tagger take writes: no 5xx elsewhere, every row stored',
  async run(settings: ChaosSettings): Promise<ScenarioOutcome> {
    const stack = new ChaosStack(settings.tmpRoot, 'recommender-import');
    try {
      const files = movieLensFiles(settings.events);
      const sentences = loadLabelledTsv(sst2Path('dev')).map((row) => row.sentence);
      const questions = loadBanking77('test').examples.map((example) => example.text);
      const images = loadImageFolder(imagenetSampleDir()).map((image) => image.path);
      const gateway = await stack.startGateway('default');
      const env = { GATEWAY_URL: gateway.url };
      // One after the other: today they share one database file and each migrates it at boot.
      const recommender = await stack.startProduct('recommender-api', env, undefined, '/health/live');
      const sentiment = await stack.startProduct('sentiment-api', env);
      const chatbot = await stack.startProduct('support-chatbot-api', env);
      const tagger = await stack.startProduct('image-tagger-api', {
        ...env,
        IMAGE_STORE_DIR: join(stack.scratch, 'image-store'),
        IMAGE_TAGGER_FEATURES: 'classify',
        IMAGE_TAGGER_RETAG_ON_MODEL_CHANGE: 'false',
      });
      settings.log(`gateway, recommender, sentiment, chatbot, image tagger ready in ${stack.scratch}`);
      const items = await call('POST', `${recommender.url}/api/imports/items?format=movielens`, files.uItem, 'text/plain');
      if (items.status !== 200) throw new Error(`items import answered ${items.status}: ${items.text.slice(0, 300)}`);

      let importDone!: () => void;
      const stop = new Promise<void>((resolve) => (importDone = resolve));
      const writers = Promise.all([
        writeSteadily(sentimentWriter(sentiment.url, sentences, SENTIMENT_PER_SECOND), stop),
        writeSteadily(chatbotWriter(chatbot.url, questions, CHATBOT_PER_SECOND), stop),
        writeSteadily(imageTaggerWriter(tagger.url, images, IMAGES_PER_SECOND), stop),
      ]);
      await new Promise((resolve) => setTimeout(resolve, LEAD_IN_MS));
      settings.log(`importing ${files.events} ratings while the other products take writes`);
      const imported = await importRatings(recommender.url, files.uData).finally(() => importDone());
      const tallies = await writers;
      const stored = await call('GET', `${recommender.url}/api/events?pageSize=1`);
      const storedEvents = Number(stored.body?.total ?? -1);

      const crossProduct5xx = tallies.reduce((sum, t) => sum + count5xx(t), 0);
      const unanswered = tallies.reduce((sum, t) => sum + t.noAnswer, 0);
      const lost = Math.max(0, files.events - Math.max(0, storedEvents));
      const notes: string[] = tallies.map(describe);
      if (imported.status >= 400) notes.push(`the import answered ${imported.status}: ${imported.message}`);
      if (lost) notes.push(`${lost} of ${files.events} ratings are not stored (GET /api/events total ${storedEvents})`);
      if (imported.rejected) notes.push(`${imported.rejected} ratings were rejected by the import`);
      return {
        passed: crossProduct5xx === 0 && unanswered === 0 && lost === 0 && imported.status < 400,
        notes,
        figures: {
          events: files.events,
          'import s': Number(imported.seconds.toFixed(1)),
          stored: storedEvents,
          'writes elsewhere': tallies.reduce((sum, t) => sum + t.sent, 0),
          'cross-product 5xx': crossProduct5xx,
          unanswered,
          'slowest write s': Number((Math.max(...tallies.map((t) => t.slowestMs)) / 1000).toFixed(1)),
        },
        counts: { cross_product_5xx: crossProduct5xx, lost_rows: lost },
      };
    } finally {
      await stack.stop();
    }
  },
};
