/**
 * Trains the aspect (targeted) sentiment head on SemEval-2014 ABSA (restaurants + laptops training
 * parts): 5-fold cross-validation grouped by sentence for the figures, then the served model on all
 * rows (10% of sentences held out for early stopping and member weights). Writes
 * apps/sentiment-api/model/sentiment-aspect/<version>/ and checks it through the gateway.
 * `npx nx run sentiment-api:train-aspects [-- --seed 42 --cv true]`
 */
import { relative } from 'node:path';
import { cliArgs } from '@matrix/dev-harness';
import { accuracy, precisionRecallF1 } from '@matrix/evaluation-metrics';
import { nextVersion, openTrainingGateway, startTrainingRun, trainingLog, writeArtifact } from '@matrix/model-training';
import { workspaceRoot } from '@matrix/paths';
import { aspectModelDir, SENTIMENT_ASPECT_NAME, THREE_CLASS_HEAD_LABELS } from '@matrix/sentiment-model';
import { renderAspectCard, type CvRow } from './aspect-card';
import { crossValidatedAspectModels, predictAsServed } from './aspect-cv';
import { aspectData } from './aspect-data';
import { ASPECT_ENSEMBLE_DEFAULTS, aspectHeadConfig, trainAspectModel } from './aspect-model';

const log = trainingLog;
const usage = `Usage: npx nx run sentiment-api:train-aspects -- [--seed 42] [--cv true] [--out <dir>] [--gateway <url>]`;

function scores(yTrue: number[], yPred: number[]) {
  const prf = precisionRecallF1(yTrue, yPred, { labels: [0, 1, 2] });
  return { n: yTrue.length, accuracy: accuracy(yTrue, yPred), macroF1: prf.macro.f1 };
}

async function main() {
  const args = cliArgs(usage, { seed: '42', cv: 'true', out: aspectModelDir(), gateway: '' });
  const seed = Number(args.seed);
  const { backend, seconds } = await startTrainingRun(log);
  const gateway = await openTrainingGateway(args.gateway, 'sentiment-aspect-store-', log);
  try {
    const data = await aspectData(gateway.client, log);
    log(`data: ${data.rows.length} aspect rows (${new Set(data.rows.map((r) => r.text)).size} sentences)`);

    const cv: CvRow[] = [];
    if (args.cv === 'true') {
      const predicted = new Array<number>(data.rows.length);
      const majority = new Array<number>(data.rows.length);
      await crossValidatedAspectModels(
        data,
        seed,
        async (fold) => {
          const { test } = fold;
          const yPred = await predictAsServed(fold, data, test);
          test.forEach((row, i) => (predicted[row] = yPred[i]));
          // Majority class of the fold's training rows.
          const counts = [0, 1, 2].map((c) => data.labels.filter((y, i) => y === c && !test.includes(i)).length);
          test.forEach((row) => (majority[row] = counts.indexOf(Math.max(...counts))));
          const s = scores(
            test.map((i) => data.labels[i]),
            yPred,
          );
          log(`  fold accuracy ${s.accuracy.toFixed(4)}, macro-F1 ${s.macroF1.toFixed(4)}`);
        },
        log,
      );
      for (const domain of ['all', 'restaurants-train', 'laptops-train']) {
        const idx = data.rows.flatMap((r, i) => (domain === 'all' || r.domain === domain ? [i] : []));
        const yTrue = idx.map((i) => data.labels[i]);
        cv.push({
          domain,
          method: 'aspect head (clause → 3 classes)',
          ...scores(
            yTrue,
            idx.map((i) => predicted[i]),
          ),
        });
        cv.push({
          domain,
          method: 'majority class of the training folds',
          ...scores(
            yTrue,
            idx.map((i) => majority[i]),
          ),
        });
      }
      for (const r of cv) log(`CV ${r.domain}, ${r.method}: n ${r.n}, accuracy ${r.accuracy.toFixed(4)}, macro-F1 ${r.macroF1.toFixed(4)}`);
    }

    const version = nextVersion(args.out);
    const all = data.rows.map((_, i) => i);
    const model = await trainAspectModel(data, all, version, seed, log);
    const config = aspectHeadConfig(version, model.ensemble.preprocessing);
    const command = `npx nx run sentiment-api:train-aspects${process.argv.slice(2).length ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
    const card = renderAspectCard({
      config,
      command,
      seed,
      rows: data.rows.length,
      cv,
      ensemble: model.ensemble,
      options: ASPECT_ENSEMBLE_DEFAULTS,
      backend,
      bytes: model.bytes,
    });
    const dir = writeArtifact({
      dir: args.out,
      name: SENTIMENT_ASPECT_NAME,
      config,
      files: model.files,
      modelCard: card,
      extraJson: { 'metrics.json': { dataset: 'semeval14-absa-cv', cv, held_out: model.ensemble.members, member_weights: model.ensemble.weights, seed } },
    });
    log(`wrote ${relative(workspaceRoot(), dir)} (${model.bytes} bytes)`);

    await gateway.client.registerModel(SENTIMENT_ASPECT_NAME, { ...config }, model.files);
    const probe = await gateway.client.classify(['but breakfast was cold and overpriced.', 'The staff were lovely.'], { model: SENTIMENT_ASPECT_NAME });
    log(`gateway /v1/classify: ${probe.results.map((r) => r.label).join(', ')} (labels ${THREE_CLASS_HEAD_LABELS.join('/')})`);
    log(`done in ${seconds().toFixed(0)} s`);
    const overall = cv.find((r) => r.domain === 'all' && r.method.startsWith('aspect head'));
    if (overall)
      console.log(
        JSON.stringify({
          model: SENTIMENT_ASPECT_NAME,
          version,
          dataset: 'semeval14-absa-cv',
          n: overall.n,
          accuracy: overall.accuracy,
          macro_f1: overall.macroF1,
        }),
      );
  } finally {
    await gateway.stop();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
