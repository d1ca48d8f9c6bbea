/**
 * Chooses CHATBOT_MIN_SIMILARITY — the cosine similarity between a question and its nearest
 * knowledge-base passage below which the bot treats the question as out of scope — on TUNING data
 * only: the held-out rows of Banking77 train (seed 42, as in training) as in-scope questions, and
 * shop questions from Bitext that are not in the `oos-set` evaluation file as out-of-scope ones.
 * Prints the trade-off per floor and the largest floor that costs in-scope questions at most
 * --max-loss (share newly not answered).
 * `npx nx run support-chatbot-api:tune-oos-floor`
 */
import { banking77Dir, loadIntentCsv } from '@matrix/datasets';
import { cliArgs } from '@matrix/dev-harness';
import { formatTable } from '@matrix/evaluation-metrics';
import { heldOutSplit } from '@matrix/model-training';
import { join } from 'node:path';
import { buildOosSet, OOS_SET_DEFAULTS, shopQuestions } from './oos-set';
import { startServedStack, understandAll, type UnderstandResult } from './served-stack';

function log(line: string) {
  console.log(`[tune ${new Date().toISOString().slice(11, 19)}] ${line}`);
}

async function main() {
  const args = cliArgs('Usage: npx nx run support-chatbot-api:tune-oos-floor -- [--per-intent 50] [--max-loss 0.01]', {
    'per-intent': '50',
    'max-loss': '0.01',
  });
  const train = loadIntentCsv(join(banking77Dir(), 'train.csv'));
  const inScope = heldOutSplit(train.length, 0.1, 42).heldOut.map((i) => train[i].text);
  const evaluationOos = buildOosSet(OOS_SET_DEFAULTS).oosTexts;
  const oos = shopQuestions(Number(args['per-intent']), 11, evaluationOos).map((u) => u.utterance);
  log(`${inScope.length} in-scope questions (held-out Banking77 train), ${oos.length} out-of-scope shop questions (none in the oos-set evaluation file)`);
  // Floor off here: the sweep applies each candidate to the returned similarities.
  const stack = await startServedStack(log, { CHATBOT_MIN_SIMILARITY: '-1' });
  try {
    const run = (texts: string[]) => understandAll(stack.apiUrl, texts, { batch: 32, concurrency: 2, log }).then((r) => r.results);
    const [ins, outs] = [await run(inScope), await run(oos)];
    const declined = (r: UnderstandResult, floor: number) => r.kind !== 'answer' || r.bestSimilarity < floor;
    const share = (rows: UnderstandResult[], floor: number) => rows.filter((r) => declined(r, floor)).length / rows.length;
    const base = share(ins, -1);
    const floors = [-1, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5];
    const table = floors.map((floor) => ({
      floor,
      'in scope not answered': share(ins, floor),
      'added by the floor': share(ins, floor) - base,
      'oos declined': share(outs, floor),
    }));
    console.log(`\n${formatTable(table)}\n`);
    const maxLoss = Number(args['max-loss']);
    const chosen = table.filter((row) => row['added by the floor'] <= maxLoss + 1e-12).reduce((a, b) => (b.floor > a.floor ? b : a));
    console.log(
      JSON.stringify({
        recommended_min_similarity: chosen.floor,
        in_scope_not_answered: chosen['in scope not answered'],
        oos_declined: chosen['oos declined'],
        max_loss: maxLoss,
      }),
    );
  } finally {
    await stack.stop();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
