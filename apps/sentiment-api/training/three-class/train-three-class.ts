/**
 * Trains the three-class (negative / neutral / positive) sentence head the sentiment API labels
 * sentences with: MLPs on USE-lite embeddings averaged with a hashed word n-gram logistic
 * regression, on SST-5 train (mapped to three classes) + TweetEval sentiment val, with a seeded part
 * of each held out for early stopping and the member weights. Writes a versioned artifact to
 * apps/sentiment-api/model/sentiment-3class/<version>/ and checks it through the gateway; then
 * choose-decision.ts --write true picks, on the same held-out rows, how the API decides with it (decision.json).
 * `npx nx run sentiment-api:train-three-class [-- --seed 42 --gateway http://127.0.0.1:8100]`
 */
import { relative } from 'node:path';
import { cliArgs } from '@matrix/dev-harness';
import { accuracy } from '@matrix/evaluation-metrics';
import { nextVersion, openTrainingGateway, startTrainingRun, trainingLog, writeArtifact } from '@matrix/model-training';
import { workspaceRoot } from '@matrix/paths';
import { SENTIMENT_THREE_CLASS_NAME, THREE_CLASS_HEAD_LABELS, threeClassModelDir, type SentimentHeadConfig } from '@matrix/sentiment-model';
import { renderThreeClassCard } from './three-class-card';
import { balancedIndices } from './balanced-indices';
import { EMBEDDING_MODEL, threeClassData } from './three-class-data';
import { scoreProbabilities, servedThreeClassFiles, trainThreeClassEnsemble, type MemberScore } from './three-class-ensemble';

const log = trainingLog;
const MAX_ARTIFACT_BYTES = 2 * 1024 * 1024;

const usage = `Usage: npx nx run sentiment-api:train-three-class -- [flags]
  --seed 42  --head-seeds 3  --hidden 256  --dropout 0.5  --lr 0.001  --batch 128  --epochs 40  --patience 4
  --held-out-sst5 0.1    fraction of SST-5 train held out (early stopping, member weights)
  --held-out-tweets 0.25 fraction of TweetEval val held out
  --ngram-dims 65536  --ngram-l2 0.00001  --ngram-lr 0.01
  --balance true         repeat the rarer classes' training rows up to the largest class (equal class weight);
                         true was chosen on the held-out rows (choose-decision.ts on both, see the model card)
  --out <dir>            default apps/sentiment-api/model/sentiment-3class
  --gateway <url>        a running gateway; else one is started and stopped`;

async function main() {
  const args = cliArgs(usage, {
    seed: '42',
    'head-seeds': '3',
    hidden: '256',
    dropout: '0.5',
    lr: '0.001',
    batch: '128',
    epochs: '40',
    patience: '4',
    'held-out-sst5': '0.1',
    'held-out-tweets': '0.25',
    'ngram-dims': '65536',
    'ngram-l2': '0.00001',
    'ngram-lr': '0.01',
    balance: 'true',
    out: threeClassModelDir(),
    gateway: '',
  });
  const seed = Number(args.seed);
  const { backend, seconds } = await startTrainingRun(log);
  const gateway = await openTrainingGateway(args.gateway, 'sentiment-3class-store-', log);
  try {
    const data = await threeClassData(
      gateway.client,
      { seed, heldOutSst5: Number(args['held-out-sst5']), heldOutTweets: Number(args['held-out-tweets']) },
      log,
    );
    const heldOutLabels = data.split.heldOut.map((i) => data.labels[i]);
    log(`data: ${data.rows.length} texts, ${data.split.train.length} train, ${heldOutLabels.length} held out`);
    const hidden = args.hidden.split(',').filter(Boolean).map(Number);
    const texts = data.rows.map((r) => r.text);
    const ensemble = await trainThreeClassEnsemble(
      {
        texts,
        labels: data.labels,
        matrix: data.matrix,
        dim: data.dim,
        split: { train: args.balance === 'true' ? balancedIndices(data.split.train, data.labels) : data.split.train, heldOut: data.split.heldOut },
      },
      {
        seed,
        headSeeds: Number(args['head-seeds']),
        hidden,
        dropout: Number(args.dropout),
        lr: Number(args.lr),
        batch: Number(args.batch),
        epochs: Number(args.epochs),
        patience: Number(args.patience),
        ngram: { dimensions: Number(args['ngram-dims']), l2: Number(args['ngram-l2']), lr: Number(args['ngram-lr']) },
        embeddingModel: EMBEDDING_MODEL,
        log,
      },
    );
    const spec = ensemble.spec;

    // As served: quantized files loaded back, inputs built by name as the gateway builds them.
    const preprocessing = ensemble.preprocessing;
    const heldOutTexts = data.split.heldOut.map((i) => texts[i]);
    const embeddings = data.split.heldOut.map((i) => data.matrix.subarray(i * data.dim, (i + 1) * data.dim));
    const {
      files,
      bytes,
      probabilities: servedP,
    } = await servedThreeClassFiles(ensemble.served, SENTIMENT_THREE_CLASS_NAME, preprocessing, heldOutTexts, embeddings);
    if (bytes > MAX_ARTIFACT_BYTES) throw new Error(`artifact is ${bytes} bytes, over 2 MiB`);

    const bySource = (source: string) => data.split.heldOut.flatMap((row, i) => (data.rows[row].source === source ? [i] : []));
    const pick = (p: Float32Array, idx: number[]) => Float32Array.from(idx.flatMap((i) => [p[i * 3], p[i * 3 + 1], p[i * 3 + 2]]));
    const members: Record<string, MemberScore> = {
      'embedding heads (mean)': ensemble.members['embedding heads (mean)'],
      'n-gram head': ensemble.members['n-gram head'],
      'weighted average (served, quantized)': scoreProbabilities(heldOutLabels, servedP),
    };
    const sources: Record<string, MemberScore & { n: number }> = {};
    for (const source of ['sst5-train', 'tweeteval-val']) {
      const idx = bySource(source);
      sources[source] = {
        n: idx.length,
        ...scoreProbabilities(
          idx.map((i) => heldOutLabels[i]),
          pick(servedP, idx),
        ),
      };
    }
    for (const [name, s] of Object.entries({ ...members, ...sources }))
      log(`held out, ${name}: accuracy ${s.accuracy.toFixed(4)}, macro-F1 ${s.macroF1.toFixed(4)}, macro-recall ${s.macroRecall.toFixed(4)}`);
    const chosen = { weights: ensemble.weights };
    const headEpochs = ensemble.headEpochs;
    const heads = { length: headEpochs.length };
    const ngram = { result: { bestEpoch: ensemble.ngramEpochs.reduce((b, e) => (e.heldOutLoss < b.heldOutLoss ? e : b)).epoch, epochs: ensemble.ngramEpochs } };
    const train = { labels: { length: data.split.train.length } };

    const version = nextVersion(args.out);
    const config: SentimentHeadConfig = {
      version,
      task: 'text-classification',
      runtime: 'tfjs-layers',
      labels: { type: 'inline', values: THREE_CLASS_HEAD_LABELS },
      preprocessing,
      memoryMb: 20,
      description: `three-class sentence sentiment: MLPs on ${EMBEDDING_MODEL} averaged with a hashed word n-gram logistic regression (SST-5 train + TweetEval val)`,
    };
    const command = `npx nx run sentiment-api:train-three-class${process.argv.slice(2).length ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
    const metrics = {
      dataset: 'held-out (sst5-train + tweeteval-val parts)',
      n: heldOutLabels.length,
      ...Object.fromEntries(Object.entries(members).map(([k, v]) => [k, v])),
      by_source: sources,
      member_weights: chosen.weights,
      head_best_epochs: headEpochs,
      ngram_best_epoch: ngram.result.bestEpoch,
      seed,
      artifact_bytes: bytes,
    };
    const card = renderThreeClassCard({
      config,
      command,
      seed,
      counts: { total: data.rows.length, train: train.labels.length, heldOut: heldOutLabels.length },
      hidden,
      heads: heads.length,
      headEpochs,
      ngramEpochs: ngram.result.epochs,
      spec,
      weights: chosen.weights,
      members,
      sources,
      embedding: data.embedding,
      backend,
      bytes,
      balanced: args.balance === 'true',
    });
    const dir = writeArtifact({ dir: args.out, name: SENTIMENT_THREE_CLASS_NAME, config, files, modelCard: card, extraJson: { 'metrics.json': metrics } });
    log(`wrote ${relative(workspaceRoot(), dir)} (${bytes} bytes)`);

    // The gateway serves the same numbers.
    await gateway.client.registerModel(SENTIMENT_THREE_CLASS_NAME, { ...config }, files);
    const gatewayPred: number[] = [];
    for (let start = 0; start < heldOutTexts.length; start += 64) {
      const answer = await gateway.client.classify(heldOutTexts.slice(start, start + 64), { model: SENTIMENT_THREE_CLASS_NAME, priority: 'bulk' });
      answer.results.forEach((r) => gatewayPred.push(THREE_CLASS_HEAD_LABELS.indexOf(r.label)));
    }
    const gatewayAccuracy = accuracy(heldOutLabels, gatewayPred);
    log(
      `gateway /v1/classify on held out: accuracy ${gatewayAccuracy.toFixed(4)} (local ${members['weighted average (served, quantized)'].accuracy.toFixed(4)})`,
    );
    if (Math.abs(gatewayAccuracy - members['weighted average (served, quantized)'].accuracy) > 0.005)
      throw new Error('the served head disagrees with the trained one');
    log(`done in ${seconds().toFixed(0)} s`);
    console.log(
      JSON.stringify({
        model: SENTIMENT_THREE_CLASS_NAME,
        version,
        dataset: 'held-out',
        n: heldOutLabels.length,
        ...members['weighted average (served, quantized)'],
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
