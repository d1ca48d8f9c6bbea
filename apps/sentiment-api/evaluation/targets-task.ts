import { datasetName, loadAspectJsonl, loadSemeval14Absa, type AspectExample } from '@matrix/datasets';
import { formatTable, type TableRow } from '@matrix/evaluation-metrics';
import { GatewayClient } from '@matrix/gateway-client';
import { useWasmBackend } from '@matrix/model-training';
import type { Analysis, TargetsResponse } from '@matrix/sentiment-contract';
import { SENTIMENT_ASPECT_NAME } from '@matrix/sentiment-model';
import { crossValidatedAspectModels } from '../training/aspects/aspect-cv';
import { aspectData } from '../training/aspects/aspect-data';
import { aspectExtractionScores } from './aspect-extraction-scores';
import { multiclassScores, type MulticlassScores } from './multiclass-scores';
import { postJson } from './sentiment-api-client';
import { threeClassOfAnalysis } from './three-class-predictions';

const LABELS = [0, 1, 2];
const CLASS_OF: Record<string, number> = { NEGATIVE: 0, NEUTRAL: 1, POSITIVE: 2 };

function row(method: string, s: MulticlassScores): TableRow {
  return { method, n: s.n, accuracy: s.accuracy, 'acc 95% CI': `${s.accuracyCi[0].toFixed(3)}–${s.accuracyCi[1].toFixed(3)}`, 'macro-F1': s.macroF1 };
}

/** Row indices grouped by sentence, in first-seen order. */
function bySentence(rows: readonly AspectExample[], indices: readonly number[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  for (const i of indices) groups.set(rows[i].text, [...(groups.get(rows[i].text) ?? []), i]);
  return groups;
}

/** Runs `work` over `items` with `concurrency` in flight. */
async function pool<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

/** The API's polarity for the gold aspects of the rows `indices`: POST /api/analyze/targets with their spans, one call per sentence. */
async function polarityThroughApi(apiUrl: string, rows: readonly AspectExample[], indices: readonly number[], into: number[]): Promise<void> {
  await pool([...bySentence(rows, indices).entries()], 4, async ([text, group]) => {
    const answer = await postJson<TargetsResponse>(`${apiUrl}/api/analyze/targets`, {
      text,
      aspects: group.map((i) => ({ start: rows[i].from, end: rows[i].to })),
    });
    group.forEach((row, k) => (into[row] = CLASS_OF[answer.aspects[k].label]));
  });
}

/**
 * Aspect polarity with the gold aspects given, through POST /api/analyze/targets, beside a majority
 * class and a sentence-level baseline (the API's label of the whole sentence, POST /api/analyze), and
 * aspect extraction precision / recall (the aspects POST /api/analyze `targets: true` finds against
 * the gold ones). Default: 5-fold cross-validation on the SemEval-2014 training parts: fold k's
 * aspect head, trained here without fold k's sentences, is registered with the gateway before fold
 * k is scored ("semeval14-absa-cv"). With --dataset <jsonl>, the served head scores that file.
 */
export async function runTargetsTask(
  apiUrl: string,
  gatewayUrl: string,
  options: { dataset: string; seed: number; cvSeed: number },
  log: (line: string) => void,
): Promise<void> {
  const rows = options.dataset ? loadAspectJsonl(options.dataset) : loadSemeval14Absa();
  const name = options.dataset ? datasetName(options.dataset) : 'semeval14-absa-cv';
  if (rows.length === 0) throw new Error('no aspect rows');
  const yTrue = rows.map((r) => r.label as number);
  const all = rows.map((_, i) => i);
  log(`targets dataset ${name}: ${rows.length} aspects in ${new Set(rows.map((r) => r.text)).size} sentences`);
  const predicted = new Array<number>(rows.length);
  const majority = new Array<number>(rows.length);
  const started = performance.now();
  if (options.dataset) {
    await polarityThroughApi(apiUrl, rows, all, predicted);
    const counts = LABELS.map((c) => yTrue.filter((y) => y === c).length);
    majority.fill(counts.indexOf(Math.max(...counts)));
  } else {
    // The folds (and their cached models) of `train-aspects` with the same seed: trained once, shared.
    await useWasmBackend();
    const gateway = new GatewayClient({ baseUrl: gatewayUrl, apiKey: process.env.GATEWAY_API_KEY, timeoutMs: 180_000 });
    const data = await aspectData(gateway, log, rows);
    await crossValidatedAspectModels(
      data,
      options.cvSeed,
      async ({ fold, test, files, config }) => {
        // Fold k's head is what the API's aspect model now answers with.
        await gateway.registerModel(SENTIMENT_ASPECT_NAME, { ...config }, files);
        await polarityThroughApi(apiUrl, rows, test, predicted);
        const testSet = new Set(test);
        const counts = LABELS.map((c) => yTrue.filter((y, i) => y === c && !testSet.has(i)).length);
        test.forEach((i) => (majority[i] = counts.indexOf(Math.max(...counts))));
        log(`fold ${fold + 1}: ${test.length} aspects scored through the API`);
      },
      log,
    );
  }
  log(`targets: polarity in ${((performance.now() - started) / 1000).toFixed(0)} s`);

  // Sentence-level baseline and extraction: each sentence once through POST /api/analyze with targets.
  const sentences = [...bySentence(rows, all).keys()];
  const analyses = new Map<string, Analysis>();
  await pool(sentences, 4, async (text) => {
    analyses.set(text, await postJson<Analysis>(`${apiUrl}/api/analyze`, { text, source: 'evaluation', targets: true }));
  });
  const sentenceLevel = rows.map((r) => threeClassOfAnalysis(analyses.get(r.text) as Analysis));
  const extraction = aspectExtractionScores(
    sentences.map((text) => ({
      gold: rows.filter((r) => r.text === text).map((r) => ({ start: r.from, end: r.to })),
      found: (analyses.get(text)?.aspects ?? []).map((a) => ({ start: a.start, end: a.end })),
    })),
  );

  const model = multiclassScores(yTrue, predicted, LABELS, options.seed);
  const table = [
    row(options.dataset ? 'aspect head (served, via API)' : 'aspect head, 5-fold CV (via API)', model),
    row('majority class (of the training folds)', multiclassScores(yTrue, majority, LABELS, options.seed)),
    row('sentence-level label (API, whole sentence)', multiclassScores(yTrue, sentenceLevel, LABELS, options.seed)),
  ];
  const domains = [...new Set(rows.map((r) => r.domain))];
  if (domains.length > 1)
    for (const domain of domains) {
      const idx = all.filter((i) => rows[i].domain === domain);
      table.push(
        row(
          `aspect head, ${domain} only`,
          multiclassScores(
            idx.map((i) => yTrue[i]),
            idx.map((i) => predicted[i]),
            LABELS,
            options.seed,
          ),
        ),
      );
    }
  console.log(`\n${name}: aspect polarity with the gold aspects given (negative / neutral / positive)\n${formatTable(table, { digits: 4 })}\n`);
  console.log(
    `aspect extraction (wink-nlp noun phrases, POST /api/analyze targets: true) against the gold aspects of ${sentences.length} sentences\n${formatTable(
      [
        {
          match: 'exact span',
          gold: extraction.gold,
          found: extraction.found,
          precision: extraction.exact.precision,
          recall: extraction.exact.recall,
          F1: extraction.exact.f1,
        },
        {
          match: 'overlapping span',
          gold: extraction.gold,
          found: extraction.found,
          precision: extraction.overlap.precision,
          recall: extraction.overlap.recall,
          F1: extraction.overlap.f1,
        },
      ],
      { digits: 4 },
    )}\n`,
  );
  console.log(JSON.stringify({ dataset: name, n: rows.length, accuracy: model.accuracy, macro_f1: model.macroF1 }));
}
