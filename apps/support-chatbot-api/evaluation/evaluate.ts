/**
 * Evaluates the SERVED chatbot pipeline (gateway heads + ensemble + decision rule + knowledge-base
 * retrieval, through POST /api/understand of an API started here with the demo knowledge base) on
 * a labelled CSV (`text,category`; category `oos` = out of scope). Prints tables, then ends with
 * {"dataset":…,"n":…,"accuracy":…,"macro_f1":…,…}.
 * `npx nx run support-chatbot-api:evaluate [-- --dataset <csv>]`
 */
import { join } from 'node:path';
import { banking77Dir, datasetName, loadIntentCsv } from '@matrix/datasets';
import { cliArgs } from '@matrix/dev-harness';
import { formatTable } from '@matrix/evaluation-metrics';
import { redecide, scoreRows, type ServedRow } from './intent-scores';
import { startServedStack, understandAll } from './served-stack';

const usage = `Usage: npx nx run support-chatbot-api:evaluate -- [flags]
  --dataset <csv>     text,category rows (Banking77's format; category "oos" = out of scope); default Banking77 test.csv
  --batch 32          questions per POST /api/understand call
  --concurrency 2     calls in flight`;

function log(line: string) {
  console.log(`[evaluate ${new Date().toISOString().slice(11, 19)}] ${line}`);
}

async function main() {
  const args = cliArgs(usage, { dataset: join(banking77Dir(), 'test.csv'), batch: '32', concurrency: '2' });
  const examples = loadIntentCsv(args.dataset);
  if (!examples.length) throw new Error(`${args.dataset} has no rows`);
  const name = datasetName(args.dataset);
  const batch = Number(args.batch);
  log(`dataset ${name}: ${examples.length} rows from ${args.dataset} (${examples.filter((e) => e.category === 'oos').length} out of scope)`);

  const stack = await startServedStack(log);
  const onSignal = () => void stack.stop().then(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const { model, articleIntent } = stack;
    const { results, seconds } = await understandAll(
      stack.apiUrl,
      examples.map((e) => e.text),
      { batch, concurrency: Number(args.concurrency), log },
    );
    const rows: ServedRow[] = examples.map((e, i) => ({
      category: e.category,
      intent: results[i].intent,
      kind: results[i].kind,
      reason: results[i].reason,
      top1: results[i].top[0]?.score ?? 0,
      top2: results[i].top[1]?.score ?? 0,
      citedIntent: results[i].citation ? (articleIntent.get(results[i].citation.articleId) ?? null) : undefined,
    }));
    const scores = scoreRows(rows);
    const reasons = new Map<string, number>();
    rows.filter((r) => r.category !== 'oos' && r.kind !== 'answer').forEach((r) => reasons.set(r.reason ?? r.kind, (reasons.get(r.reason ?? r.kind) ?? 0) + 1));

    console.log(`\nServed pipeline on ${name} (${examples.length} rows, ${(examples.length / seconds).toFixed(0)} questions/s through POST /api/understand)\n`);
    console.log(
      formatTable([
        { metric: 'intent accuracy (top-1; oos right when declined)', value: scores.accuracy },
        { metric: 'macro-F1', value: scores.macroF1 },
        { metric: `not answered (handoff or rephrase), in scope, at threshold ${model.rule.threshold} / gap ${model.rule.gap}`, value: scores.handoffRate },
        { metric: 'accuracy on the answered part', value: scores.answeredAccuracy },
        { metric: 'end to end: answered from the right article / in-scope rows', value: scores.endToEndAccuracy },
        { metric: 'cited article matches the predicted intent', value: scores.citationAgreement },
        { metric: 'oos recall (out-of-scope rows declined)', value: scores.oosRecall ?? 'no oos rows' },
      ]),
    );
    console.log(`\nWhy in-scope questions were not answered: ${[...reasons.entries()].map(([r, c]) => `${r} ${c}`).join(', ') || 'none'}\n`);
    console.log('The same answers at other thresholds (re-decided from the returned probabilities; out-of-scope handoffs kept):\n');
    console.log(
      formatTable(
        [
          [0, 0],
          [0.2, 0.05],
          [0.3, 0.1],
          [0.4, 0.1],
          [0.5, 0.2],
          [0.7, 0.3],
        ].map(([threshold, gap]) => {
          const s = scoreRows(redecide(rows, threshold, gap));
          return {
            threshold,
            gap,
            'not answered': s.handoffRate,
            'answered accuracy': s.answeredAccuracy,
            'end to end': s.endToEndAccuracy,
            'oos recall': s.oosRecall ?? '–',
          };
        }),
      ),
    );
    console.log(
      JSON.stringify({
        dataset: name,
        n: scores.n,
        accuracy: Number(scores.accuracy.toFixed(4)),
        macro_f1: Number(scores.macroF1.toFixed(4)),
        handoff_rate: Number(scores.handoffRate.toFixed(4)),
        answered_accuracy: Number(scores.answeredAccuracy.toFixed(4)),
        end_to_end_accuracy: Number(scores.endToEndAccuracy.toFixed(4)),
        threshold: model.rule.threshold,
        gap: model.rule.gap,
        oos_recall: scores.oosRecall === null ? null : Number(scores.oosRecall.toFixed(4)),
        model_version: model.version,
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
