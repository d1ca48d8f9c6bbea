/**
 * Trains the chatbot's intent classifier: an ensemble of two heads the gateway serves,
 *  - an MLP on Universal Sentence Encoder (use-lite-en) embeddings, and
 *  - a linear softmax on hashed word + character n-grams (computed in the gateway from the text),
 * whose probabilities are averaged with a weight tuned on a seeded held-out part of train (never on
 * test). Writes apps/support-chatbot-api/model/intent-classifier/<version>/ and registers both heads.
 * `npx nx run support-chatbot-api:train [-- --seed 42 --gateway http://127.0.0.1:8100]`
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { banking77Dir, loadIntentCsv } from '@matrix/datasets';
import { cliArgs, startGatewayProcess } from '@matrix/dev-harness';
import { precisionRecallF1 } from '@matrix/evaluation-metrics';
import { GatewayClient } from '@matrix/gateway-client';
import {
  argmaxRows,
  buildDenseHead,
  cachedEmbeddings,
  heldOutSplit,
  layersModelFiles,
  nextVersion,
  predictProbabilities,
  takeRows,
  trainHead,
  useWasmBackend,
  writeArtifact,
  type TrainHeadResult,
} from '@matrix/model-training';
import { workspaceRoot } from '@matrix/paths';
import type { HashedNgramSpec } from '@matrix/tokenization';
import { INTENT_ARTIFACT_NAME, intentModelDir, latestIntentArtifact, memberFiles, type IntentClassifierConfig } from '../src/model/intent-artifact';
import { averageProbabilities, decideIntent } from '../src/understanding/intent-decision';
import { bestEnsembleWeight } from './ensemble-weight';
import { intentLabels, labelledRows } from './intent-labels';
import { renderIntentModelCard, type MemberReport } from './intent-model-card';
import { ngramMatrix } from './ngram-matrix';

const EMBEDDING_MODEL = 'use-lite-en';
const MAX_ARTIFACT_BYTES = 2 * 1024 * 1024;

const usage = `Usage: npx nx run support-chatbot-api:train -- [flags]
  --train <csv>          text,category rows (default: Banking77 train.csv)
  --test <csv>           reported in the model card only, never used to train or tune (default: Banking77 test.csv; '' = none)
  --seed 42              seeds the held-out split, initial weights, dropout and batch order
  --held-out 0.1         share of train held out for early stopping and the ensemble weight
  --use-hidden 256       hidden ReLU widths of the USE head ('' = logistic regression)
  --ngram-dims 4096      hashed n-gram buckets (the linear head has dims × intents weights)
  --epochs 60 --patience 4 --dropout 0.3 --lr 0.002 --ngram-lr 0.01 --batch 64 --label-smoothing 0.05
  --refit true           after tuning, retrain both heads on all of train for their best epoch counts
  --threshold 0.3 --gap 0.1   the decision rule shipped with the model (Rasa's defaults)
  --out <dir>            artifact folder (default: apps/support-chatbot-api/model/intent-classifier)
  --gateway <url>        a running gateway; if absent one is started and stopped afterwards
  --register true        register both heads with the gateway and check they agree with the local ones`;

function log(line: string) {
  console.log(`[train ${new Date().toISOString().slice(11, 19)}] ${line}`);
}

interface Rows {
  matrix: Float32Array;
  dim: number;
}

async function main() {
  const args = cliArgs(usage, {
    train: join(banking77Dir(), 'train.csv'),
    test: join(banking77Dir(), 'test.csv'),
    seed: '42',
    'held-out': '0.1',
    'use-hidden': '256',
    'ngram-dims': '4096',
    epochs: '60',
    patience: '4',
    dropout: '0.3',
    lr: '0.002',
    'ngram-lr': '0.01',
    batch: '64',
    'label-smoothing': '0.05',
    refit: 'true',
    threshold: '0.3',
    gap: '0.1',
    out: intentModelDir(),
    gateway: '',
    register: 'true',
  });
  const seed = Number(args.seed);
  const useHidden = args['use-hidden'].trim() === '' ? [] : args['use-hidden'].split(',').map(Number);
  const ngramSpec: HashedNgramSpec = { type: 'hashed-ngrams', dimensions: Number(args['ngram-dims']), wordNgrams: [1, 2], charNgrams: [3, 5] };
  const decision = { threshold: Number(args.threshold), gap: Number(args.gap) };
  const startedAt = performance.now();
  const backend = await useWasmBackend();
  log(`TensorFlow.js backend: ${backend}`);

  const trainExamples = loadIntentCsv(args.train);
  const labels = intentLabels(trainExamples);
  const train = labelledRows(trainExamples, labels);
  const test = args.test ? labelledRows(loadIntentCsv(args.test), labels) : undefined;
  log(`data: ${train.texts.length} training rows over ${labels.length} intents (${args.train})${test ? `; ${test.texts.length} test rows (${args.test}), reported only` : ''}`);

  const ownGateway = args.gateway ? undefined : await startGatewayProcess({ GATEWAY_MODEL_STORE: mkdtempSync(join(tmpdir(), 'chatbot-train-store-')) });
  const gatewayUrl = ownGateway ? ownGateway.url : args.gateway;
  if (ownGateway) log(`started a gateway at ${gatewayUrl} (stopped at the end)`);
  try {
    const client = new GatewayClient({ baseUrl: gatewayUrl, apiKey: process.env.GATEWAY_API_KEY, timeoutMs: 180_000, maxRetries: 5 });
    const cacheDir = join(workspaceRoot(), 'tmp', 'cache', 'embeddings');
    const embed = (texts: string[]) => cachedEmbeddings(client, texts, { model: EMBEDDING_MODEL, cacheDir, log, batchSize: 64, concurrency: 4 });
    const trainEmb = await embed(train.texts);
    const testEmb = test ? await embed(test.texts) : undefined;
    const useDim = trainEmb.meta.dimensions;
    const trainNgrams = ngramMatrix(train.texts, ngramSpec);

    const split = heldOutSplit(train.texts.length, Number(args['held-out']), seed);
    const pick = (indices: number[]) => indices.map((i) => train.labels[i]);
    const heldOutLabels = pick(split.heldOut);
    log(`held out ${split.heldOut.length} of ${train.texts.length} rows (seed ${seed}) for early stopping and the ensemble weight`);

    const common = { patience: Number(args.patience), batchSize: Number(args.batch), labelSmoothing: Number(args['label-smoothing']), seed, classes: labels.length, log };
    const useShape = { name: 'intent_use_head', inputDim: useDim, hidden: useHidden, outputs: labels.length, dropout: Number(args.dropout), l2: 0, seed };
    const ngramShape = { name: 'intent_ngram_head', inputDim: ngramSpec.dimensions, hidden: [], outputs: labels.length, dropout: 0, l2: 0, seed };
    const members = [
      { key: 'use', shape: useShape, matrix: trainEmb.matrix, dim: useDim, lr: Number(args.lr) },
      { key: 'ngram', shape: ngramShape, matrix: trainNgrams, dim: ngramSpec.dimensions, lr: Number(args['ngram-lr']) },
    ] as const;

    // 1. Tune: train on the rest, stop early on the held-out rows, and pick the ensemble weight there.
    const tuned: Array<{ result: TrainHeadResult; heldOut: Float32Array }> = [];
    for (const m of members) {
      const model = buildDenseHead(m.shape);
      log(`${m.key} head: ${m.dim} → ${m.shape.hidden.map((h) => `${h} ReLU`).join(' → ')}${m.shape.hidden.length ? ' → ' : ''}${labels.length} softmax (${model.countParams()} parameters)`);
      const result = await trainHead(
        model,
        { matrix: takeRows(m.matrix, m.dim, split.train), labels: pick(split.train), dim: m.dim },
        { matrix: takeRows(m.matrix, m.dim, split.heldOut), labels: heldOutLabels, dim: m.dim },
        { ...common, maxEpochs: Number(args.epochs), learningRate: m.lr },
      );
      const heldOut = predictProbabilities(model, { matrix: takeRows(m.matrix, m.dim, split.heldOut), dim: m.dim }).probabilities;
      tuned.push({ result, heldOut });
      model.dispose();
    }
    const weight = bestEnsembleWeight(tuned[0].heldOut, tuned[1].heldOut, labels.length, heldOutLabels);
    const memberAccuracy = tuned.map((t) => argmaxRows(t.heldOut, labels.length).filter((p, i) => p === heldOutLabels[i]).length / heldOutLabels.length);
    log(`held-out accuracy: use ${memberAccuracy[0].toFixed(4)}, ngram ${memberAccuracy[1].toFixed(4)}, ensemble ${weight.accuracy.toFixed(4)} at use weight ${weight.weight}`);
    const heldOutBlend = Array.from({ length: heldOutLabels.length }, (_, i) =>
      averageProbabilities([tuned[0].heldOut.subarray(i * labels.length, (i + 1) * labels.length), tuned[1].heldOut.subarray(i * labels.length, (i + 1) * labels.length)], [weight.weight, 1 - weight.weight]),
    );
    const heldOutDecisions = heldOutBlend.map((p) => decideIntent(p, labels, decision));
    const answered = heldOutDecisions.map((d, i) => ({ d, i })).filter(({ d }) => d.kind === 'answer');
    const heldOutHandoff = 1 - answered.length / heldOutDecisions.length;
    const heldOutAnsweredAccuracy = answered.filter(({ d, i }) => d.top[0].intent === labels[heldOutLabels[i]]).length / Math.max(1, answered.length);
    log(`held-out at threshold ${decision.threshold} / gap ${decision.gap}: ${(heldOutHandoff * 100).toFixed(1)}% not answered (handoff or rephrase), answered accuracy ${heldOutAnsweredAccuracy.toFixed(4)}`);

    // 2. Final heads: all of train for the epoch count each head needed (more data, same schedule), or the tuned ones.
    const refit = args.refit === 'true';
    const finalModels: Awaited<ReturnType<typeof buildDenseHead>>[] = [];
    for (const [k, m] of members.entries()) {
      const model = buildDenseHead(m.shape);
      const all: Rows & { labels: number[] } = { matrix: m.matrix, dim: m.dim, labels: train.labels };
      const holdOut = { matrix: takeRows(m.matrix, m.dim, split.heldOut), labels: heldOutLabels, dim: m.dim };
      if (refit) {
        log(`refit ${m.key} head on all ${train.texts.length} rows for ${tuned[k].result.bestEpoch} epochs`);
        await trainHead(model, all, holdOut, { ...common, maxEpochs: tuned[k].result.bestEpoch, patience: Number.MAX_SAFE_INTEGER, learningRate: m.lr, log: () => undefined });
      } else {
        await trainHead(model, { matrix: takeRows(m.matrix, m.dim, split.train), labels: pick(split.train), dim: m.dim }, holdOut, { ...common, maxEpochs: Number(args.epochs), learningRate: m.lr, log: () => undefined });
      }
      finalModels.push(model);
    }

    // Test: reported for the model card only (evaluate runs the served pipeline on it).
    let testReport: { accuracy: number; macroF1: number; members: number[] } | undefined;
    if (test && testEmb) {
      const probs = [
        predictProbabilities(finalModels[0], { matrix: testEmb.matrix, dim: useDim }).probabilities,
        predictProbabilities(finalModels[1], { matrix: ngramMatrix(test.texts, ngramSpec), dim: ngramSpec.dimensions }).probabilities,
      ];
      const blend = new Float32Array(probs[0].length);
      for (let i = 0; i < blend.length; i++) blend[i] = weight.weight * probs[0][i] + (1 - weight.weight) * probs[1][i];
      const predicted = argmaxRows(blend, labels.length);
      const acc = (p: number[]) => p.filter((x, i) => x === test.labels[i]).length / p.length;
      testReport = {
        accuracy: acc(predicted),
        macroF1: precisionRecallF1(test.labels, predicted).macro.f1,
        members: probs.map((p) => acc(argmaxRows(p, labels.length))),
      };
      log(`test (report only): ensemble accuracy ${testReport.accuracy.toFixed(4)}, macro-F1 ${testReport.macroF1.toFixed(4)}; use ${testReport.members[0].toFixed(4)}, ngram ${testReport.members[1].toFixed(4)}`);
    }

    const version = nextVersion(args.out);
    const useFiles = await layersModelFiles(finalModels[0]);
    const ngramFiles = await layersModelFiles(finalModels[1]);
    const files: Record<string, Buffer> = {
      'use-head/model.json': useFiles['model.json'],
      'use-head/weights.bin': useFiles['weights.bin'],
      'ngram-head/model.json': ngramFiles['model.json'],
      'ngram-head/weights.bin': ngramFiles['weights.bin'],
    };
    const artifactBytes = Object.values(files).reduce((s, b) => s + b.byteLength, 0);
    if (artifactBytes > MAX_ARTIFACT_BYTES) throw new Error(`artifact is ${artifactBytes} bytes, over the 2 MiB limit: use fewer --ngram-dims or smaller --use-hidden`);
    const inline = { type: 'inline', values: labels };
    const config: IntentClassifierConfig = {
      version,
      labels,
      decision,
      members: [
        {
          model: 'chatbot-intent-use',
          weight: weight.weight,
          folder: 'use-head',
          gateway: { version, task: 'text-classification', runtime: 'tfjs-layers', labels: inline, preprocessing: { embeddingModel: EMBEDDING_MODEL }, memoryMb: 5, description: `support-chatbot intent head on ${EMBEDDING_MODEL}` },
        },
        {
          model: 'chatbot-intent-ngram',
          weight: 1 - weight.weight,
          folder: 'ngram-head',
          gateway: { version, task: 'text-classification', runtime: 'tfjs-layers', labels: inline, preprocessing: { features: ngramSpec }, memoryMb: 8, description: 'support-chatbot intent head on hashed word/char n-grams' },
        },
      ],
    };
    const root = workspaceRoot();
    const memberReports: MemberReport[] = members.map((m, k) => ({
      name: config.members[k].model,
      architecture: `${m.dim} → ${m.shape.hidden.map((h) => `${h} ReLU → dropout ${m.shape.dropout}`).join(' → ')}${m.shape.hidden.length ? ' → ' : ''}${labels.length} softmax`,
      parameters: finalModels[k].countParams(),
      bestEpoch: tuned[k].result.bestEpoch,
      epochs: tuned[k].result.epochs,
      learningRate: m.lr,
      heldOutAccuracy: memberAccuracy[k],
      testAccuracy: testReport?.members[k],
    }));
    const metrics = {
      held_out: { n: heldOutLabels.length, ensemble_accuracy: weight.accuracy, member_accuracy: memberAccuracy, weight_grid: weight.grid, not_answered_rate: heldOutHandoff, answered_accuracy: heldOutAnsweredAccuracy },
      test: testReport ? { dataset: relative(root, args.test), n: test?.texts.length, accuracy: testReport.accuracy, macro_f1: testReport.macroF1, member_accuracy: testReport.members } : undefined,
    };
    const modelCard = renderIntentModelCard({
      config,
      command: `npx nx run support-chatbot-api:train${process.argv.slice(2).length ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
      trainFile: relative(root, args.train),
      trainRows: train.texts.length,
      heldOutRows: heldOutLabels.length,
      seed,
      refit,
      members: memberReports,
      ensemble: { weight: weight.weight, heldOutAccuracy: weight.accuracy, notAnsweredRate: heldOutHandoff, answeredAccuracy: heldOutAnsweredAccuracy },
      test: testReport && test ? { file: relative(root, args.test), rows: test.texts.length, accuracy: testReport.accuracy, macroF1: testReport.macroF1 } : undefined,
      embedding: { model: trainEmb.meta.model, version: trainEmb.meta.version, seconds: trainEmb.meta.seconds, fromCache: trainEmb.fromCache },
      backend,
      artifactBytes,
      labelSmoothing: common.labelSmoothing,
      batchSize: common.batchSize,
    });
    const written = writeArtifact({ dir: args.out, name: INTENT_ARTIFACT_NAME, config, files, modelCard, extraJson: { 'metrics.json': metrics } });
    log(`wrote ${relative(root, written)} (${artifactBytes} bytes) and latest.json → ${version}`);

    if (args.register === 'true') {
      const artifact = latestIntentArtifact(args.out);
      const sample = split.heldOut.slice(0, 256);
      for (const [k, member] of artifact.config.members.entries()) {
        const info = await client.registerModel(member.model, member.gateway, memberFiles(artifact, member));
        log(`registered ${info.id}@${info.version}: ${info.state}`);
        // The served head must agree with the local one (same weights, same features).
        const local = predictProbabilities(finalModels[k], { matrix: takeRows(members[k].matrix, members[k].dim, sample), dim: members[k].dim });
        const localTop = argmaxRows(local.probabilities, labels.length);
        const served: number[] = [];
        for (let start = 0; start < sample.length; start += 64) {
          const answer = await client.classify(sample.slice(start, start + 64).map((i) => train.texts[i]), { model: member.model, priority: 'bulk' });
          answer.results.forEach((r) => served.push(labels.indexOf(r.label)));
        }
        const agreement = served.filter((s, i) => s === localTop[i]).length / served.length;
        log(`${member.model}: gateway and local top-1 agree on ${(agreement * 100).toFixed(1)}% of ${served.length} held-out rows`);
        if (agreement < 0.99) throw new Error(`the served ${member.model} disagrees with the trained one: check the exported files and the featuriser`);
      }
    }
    log(`done in ${((performance.now() - startedAt) / 1000).toFixed(0)} s`);
    console.log(JSON.stringify({ model: INTENT_ARTIFACT_NAME, version, held_out_accuracy: weight.accuracy, test_accuracy: testReport?.accuracy, test_macro_f1: testReport?.macroF1 }));
  } finally {
    await ownGateway?.stop();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
