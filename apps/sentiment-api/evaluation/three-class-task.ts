import { datasetName, loadSst5ThreeClass, loadThreeClassTsv, sst5Path } from '@matrix/datasets';
import { formatTable, type TableRow } from '@matrix/evaluation-metrics';
import { multiclassScores, type MulticlassScores } from './multiclass-scores';
import { analyzeAll } from './sentiment-api-client';
import { threeClassOfAnalysis, thresholdRuleClass } from './three-class-predictions';

const LABELS = [0, 1, 2];

function row(method: string, rule: string, s: MulticlassScores): TableRow {
  return {
    method,
    rule,
    accuracy: s.accuracy,
    'acc 95% CI': `${s.accuracyCi[0].toFixed(3)}–${s.accuracyCi[1].toFixed(3)}`,
    'macro-F1': s.macroF1,
    'macro-recall': s.macroRecall,
    'confusion (rows truth neg/neu/pos)': s.confusion.map((r) => r.join(' ')).join(' | '),
  };
}

/**
 * Three-class sentiment through POST /api/analyze/batch: the API's label of each text (MIXED by the
 * sign of its score) against the gold 0/1/2, beside the rule the API used before the three-class
 * head (±0.25 on 2·P(positive) − 1 of the binary head, read from the same answers). Default data:
 * SST-5 test, 1–2 / 3 / 4–5 → negative / neutral / positive ("sst5-test-3class").
 */
export async function runThreeClassTask(apiUrl: string, options: { dataset: string; seed: number }, log: (line: string) => void): Promise<void> {
  const rows = options.dataset ? loadThreeClassTsv(options.dataset) : loadSst5ThreeClass('test');
  const name = options.dataset ? datasetName(options.dataset) : 'sst5-test-3class';
  if (rows.length === 0) throw new Error(`${options.dataset || sst5Path('test')} has no rows`);
  const yTrue = rows.map((r) => r.label as number);
  log(`three-class dataset ${name}: ${rows.length} rows (${LABELS.map((c) => yTrue.filter((y) => y === c).length).join(' / ')} negative / neutral / positive)`);
  const started = performance.now();
  const results = await analyzeAll(
    apiUrl,
    rows.map((r) => r.sentence),
    { concurrency: 1 },
  );
  log(`three-class: ${rows.length} texts through POST /api/analyze/batch in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const model = multiclassScores(yTrue, results.map(threeClassOfAnalysis), LABELS, options.seed);
  const threshold = multiclassScores(
    yTrue,
    results.map((r) => thresholdRuleClass(r.positiveProbability)),
    LABELS,
    options.seed,
  );
  const modelName = results[0] ? `${results[0].model}@${results[0].modelVersion} + three-class head (via API)` : 'API';
  console.log(
    `\n${name} (n = ${rows.length}); classes negative / neutral / positive\n${formatTable(
      [
        row(modelName, 'document label (MIXED by sign of score)', model),
        row('binary head, old threshold rule (via API)', '2·P(positive) − 1: ≥ 0.25 / ≤ −0.25 / else neutral', threshold),
      ],
      { digits: 4 },
    )}\n`,
  );
  // One JSON line per result: the old rule first, the served decision last.
  console.log(
    JSON.stringify({
      dataset: name,
      method: 'binary-threshold-rule',
      n: rows.length,
      accuracy: threshold.accuracy,
      macro_f1: threshold.macroF1,
      macro_recall: threshold.macroRecall,
    }),
  );
  console.log(JSON.stringify({ dataset: name, n: rows.length, accuracy: model.accuracy, macro_f1: model.macroF1, macro_recall: model.macroRecall }));
}
