/**
 * Evaluates the served sentiment models THROUGH the sentiment API (gateway + API started here and
 * stopped at the end). Tasks:
 * - binary (default): SST-2 dev, beside three lexicon baselines, and the analyze route's throughput against the
 *   gateway's own /v1/classify of the heads an analysis reads (same clients, texts and duration; throughput.ts);
 *   ends with {"throughput":…,"analyze_texts_per_s":…,"classify_texts_per_s":…,"analyze_vs_classify":…} and
 *   {"dataset":…,"n":…,"accuracy":…,"macro_f1":…}.
 * - three-class: SST-5 test mapped to negative / neutral / positive (or any `sentence<TAB>0/1/2` file,
 *   e.g. TweetEval sentiment test), beside the old threshold rule; adds macro_recall.
 * - targets: aspect polarity on SemEval-2014 ABSA (see targets-task.ts).
 * `npx nx run sentiment-api:evaluate [-- --task binary|three-class|targets|all --dataset <file>]`
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { datasetName, loadLabelledTsv, sst2Path } from '@matrix/datasets';
import { migrateDatabase } from '@matrix/db';
import { cliArgs, ManagedProcess, profiledEnv, startAppProcess, startGatewayProcess } from '@matrix/dev-harness';
import { formatTable, TableRow } from '@matrix/evaluation-metrics';
import { BinaryScores, binaryScores } from './binary-metrics';
import { runThreeClassTask } from './three-class-task';
import { runTargetsTask } from './targets-task';
import { LEXICON_BASELINES } from './lexicon-baselines';
import { analyzeAll, analyzeOne } from './sentiment-api-client';
import { loadSentimentConfig } from '../src/config/sentiment-config';
import { runThroughput, type ThroughputSetup } from './throughput';

const usage = `Usage: npx nx run sentiment-api:evaluate -- [flags]
  --task binary       binary | three-class | targets | all (every task on its default data set)
  --dataset <file>    binary: sentence<TAB>label rows (0/1, header optional), default SST-2 dev.tsv;
                      three-class: sentence<TAB>label rows (0 negative / 1 neutral / 2 positive), default SST-5 test mapped;
                      targets: JSONL {"text","aspect","from","to","polarity"}, default SemEval-2014 ABSA train parts (cross-validated)
  --load-seconds 10   length of each throughput run: POST /api/analyze, then the gateway's POST /v1/classify (0 = skip)
  --clients 16        concurrent clients in the throughput runs
  --cpu-prof <dir>    CPU profiles of the API and the gateway during the throughput runs, in <dir>/api and <dir>/gateway
                      (summarise: node tools/scripts/cpu-profile-top.mjs <dir>/api --top 5)
  --seed 0            seed of the bootstrap confidence intervals
  --cv-seed 42        targets: seed of the cross-validation folds (train-aspects' seed: its cached fold models are reused)`;

function log(line: string) {
  console.log(`[evaluate ${new Date().toISOString().slice(11, 19)}] ${line}`);
}

function row(method: string, rule: string, s: BinaryScores): TableRow {
  const [[tn, fp], [fn, tp]] = s.confusion;
  return {
    method,
    rule,
    accuracy: s.accuracy,
    'acc 95% CI': `${s.accuracyCi[0].toFixed(3)}–${s.accuracyCi[1].toFixed(3)}`,
    'macro-F1': s.macroF1,
    TN: tn,
    FP: fp,
    FN: fn,
    TP: tp,
  };
}

const TASKS = ['binary', 'three-class', 'targets'] as const;

/** The SST-2 (binary) figure, the lexicon baselines and the throughput run. */
async function runBinaryTask(
  services: Pick<ThroughputSetup, 'apiUrl' | 'gatewayUrl' | 'pids'>,
  args: { dataset: string; 'load-seconds': string; clients: string; seed: string; 'cpu-prof': string },
): Promise<void> {
  const { apiUrl } = services;
  const dataset = args.dataset || sst2Path('dev');
  const rows = loadLabelledTsv(dataset);
  if (rows.length === 0) throw new Error(`${dataset} has no rows`);
  const name = datasetName(dataset);
  const seed = Number(args.seed);
  const texts = rows.map((r) => r.sentence);
  const yTrue = rows.map((r) => r.label);
  log(`dataset ${name}: ${rows.length} rows from ${dataset} (${yTrue.filter((y) => y === 1).length} positive)`);
  const probe = await analyzeOne(apiUrl, rows[0].sentence);
  const modelName = probe.model;
  const modelVersion = probe.modelVersion;
  const evalStarted = performance.now();
  let lastLog = 0;
  const results = await analyzeAll(apiUrl, texts, {
    concurrency: 2,
    onProgress: (done, total) => {
      if (performance.now() - lastLog < 5000 && done < total) return;
      lastLog = performance.now();
      log(`analyzed ${done}/${total}`);
    },
  });
  const evalSeconds = (performance.now() - evalStarted) / 1000;
  const modelPred = results.map((r) => (r.positiveProbability >= 0.5 ? 1 : 0));
  const model = binaryScores(yTrue, modelPred, seed);
  log(`model: ${rows.length} texts through POST /api/analyze/batch in ${evalSeconds.toFixed(1)} s`);

  const table: TableRow[] = [row(`${modelName}@${modelVersion} (via API)`, 'P(positive) ≥ 0.5', model)];
  for (const baseline of LEXICON_BASELINES) {
    table.push(
      row(
        baseline.name,
        baseline.rule,
        binaryScores(
          yTrue,
          texts.map((t) => baseline.predict(t)),
          seed,
        ),
      ),
    );
  }
  console.log(`\n${name} (n = ${rows.length}); confusion counts with positive = 1\n${formatTable(table, { digits: 4 })}\n`);

  const loadSeconds = Number(args['load-seconds']);
  if (loadSeconds > 0) {
    // The heads the API reads per analysis, from the same environment the evaluation started it with.
    const threeClassModel = loadSentimentConfig(process.env).threeClassModel;
    const models = threeClassModel ? [modelName, threeClassModel] : [modelName];
    const setup = { ...services, models, texts, clients: Number(args.clients), seconds: loadSeconds };
    await runThroughput(setup, log, args['cpu-prof'] || undefined);
  }
  console.log(JSON.stringify({ dataset: name, n: rows.length, accuracy: model.accuracy, macro_f1: model.macroF1 }));
}

async function main() {
  const args = cliArgs(usage, { task: 'binary', dataset: '', 'load-seconds': '10', clients: '16', seed: '0', 'cv-seed': '42', 'cpu-prof': '' });
  if (args.task !== 'all' && !(TASKS as readonly string[]).includes(args.task))
    throw new Error(`--task must be one of ${TASKS.join(', ')}, all; got ${args.task}`);
  if (args.task === 'all' && args.dataset) throw new Error('--task all runs every task on its default data set: give --dataset with one --task');
  const tasks = args.task === 'all' ? [...TASKS] : [args.task];

  const started: ManagedProcess[] = [];
  const scratch = mkdtempSync(join(tmpdir(), 'sentiment-evaluate-'));
  const stopAll = async () => {
    // Reverse order: the API before the gateway it calls.
    for (const process of started.splice(0).reverse()) await process.stop().catch(() => undefined);
    rmSync(scratch, { recursive: true, force: true });
  };
  const onSignal = () => void stopAll().then(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const gateway = await startGatewayProcess({ GATEWAY_MODEL_STORE: join(scratch, 'model-store'), ...profiledEnv(args['cpu-prof'], 'gateway') });
    started.push(gateway);
    log(`gateway ready at ${gateway.url}`);
    const databaseUrl = `file:${join(scratch, 'evaluate.db')}`;
    await migrateDatabase(databaseUrl);
    const api = await startAppProcess('sentiment-api', {
      readyPath: '/health/ready',
      env: { GATEWAY_URL: gateway.url, SENTIMENT_DATABASE_URL: databaseUrl, ...profiledEnv(args['cpu-prof'], 'api') },
      readyTimeoutMs: 180_000,
    });
    const apiUrl = api.url;
    started.push(api);
    log(`sentiment-api ready at ${apiUrl}`);

    for (const task of tasks) {
      if (task === 'binary') await runBinaryTask({ apiUrl, gatewayUrl: gateway.url, pids: { api: api.pid, gateway: gateway.pid } }, args);
      else if (task === 'three-class') await runThreeClassTask(apiUrl, { dataset: args.dataset, seed: Number(args.seed) }, log);
      else await runTargetsTask(apiUrl, gateway.url, { dataset: args.dataset, seed: Number(args.seed), cvSeed: Number(args['cv-seed']) }, log);
    }
  } finally {
    await stopAll();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
