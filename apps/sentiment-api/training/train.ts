/**
 * Trains the sentiment head (MLP on USE-lite embeddings of all SST-2 train phrases, averaged with a
 * token head on USE subword ids), writes a
 * versioned artifact to apps/sentiment-api/model/sentiment-head/<version>/ and registers it with the
 * gateway. `npx nx run sentiment-api:train [-- --epochs 30 --seed 42 --gateway http://127.0.0.1:8100]`
 */
import * as tf from '@tensorflow/tfjs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { loadLabelledTsv, sst2Path } from '@matrix/datasets';
import { cliArgs, startGatewayProcess } from '@matrix/dev-harness';
import type { HashedNgramSpec } from '@matrix/tokenization';
import { accuracy, bootstrapPairedCi, precisionRecallF1 } from '@matrix/evaluation-metrics';
import { GatewayClient } from '@matrix/gateway-client';
import { workspaceRoot } from '@matrix/paths';
import {
  averagedModel,
  buildDenseHead,
  chooseMemberWeights,
  cachedEmbeddings,
  layersModelFiles,
  loadLayersModelFiles,
  nextVersion,
  predictPositive,
  quantizeLayersFiles,
  sentenceHeldOutSplit,
  takeRows,
  trainHead,
  useWasmBackend,
  writeArtifact,
  type LayersModelFiles,
} from '@matrix/model-training';
import { trainNgramStage, type NgramStage } from './ngram-stage';
import { trainTokenStage, type TokenStage, type TokenStageOptions } from './token-stage';
import { renderModelCard } from './model-card';
import { SENTIMENT_HEAD_NAME, SentimentHeadConfig, sentimentModelDir } from './model-artifact';

const EMBEDDING_MODEL = 'use-lite-en';
const LABELS = ['negative', 'positive'];
const MAX_ARTIFACT_BYTES = 2 * 1024 * 1024;

const usage = `Usage: npx nx run sentiment-api:train -- [flags]
  --train <tsv>          training phrases, sentence<TAB>label (default: SST-2 train.tsv)
  --dev <tsv>            test set, never used for training or early stopping (default: SST-2 dev.tsv)
  --seed 42              seeds the held-out split, initial weights, dropout and batch order
  --epochs 30            most epochs; early stopping on the held-out loss usually ends sooner
  --patience 3           epochs without a better held-out loss before stopping
  --hidden 256           hidden ReLU layer widths, comma-separated ('' = logistic regression)
  --dropout 0.5  --l2 0  --lr 0.001  --batch 256  --label-smoothing 0.05  --held-out 0.1
  --out <dir>            artifact folder (default: apps/sentiment-api/model/sentiment-head)
  --gateway <url>        a running gateway; if absent one is started and stopped afterwards
  --register true        register the new version with the gateway and check /v1/classify
  --token-head true      also train the token head (USE subword ids → embedding from USE's table → mean + n-gram
                         maps) and serve the average of both heads; false = the embedding head alone
  --max-tokens 48  --table-dim 128  --ngrams 2,3  --filters 128  --token-hidden 128  --token-dropout 0.3
  --word-dropout 0.1  --token-epochs 3
  --head-seeds 3         embedding heads (seeds seed, seed+1, …) averaged in the served model
  --ngram-head true      also train an NB-weighted logistic regression on hashed word n-grams (with the token head)
  --ngram-dims 262144  --ngram-words 1,2  --ngram-l2 0.0001  --ngram-lr 0.003`;

function log(line: string) {
  console.log(`[train ${new Date().toISOString().slice(11, 19)}] ${line}`);
}

async function main() {
  const args = cliArgs(usage, {
    train: sst2Path('train'),
    dev: sst2Path('dev'),
    seed: '42',
    epochs: '30',
    patience: '3',
    hidden: '256',
    dropout: '0.5',
    l2: '0',
    lr: '0.001',
    batch: '256',
    'label-smoothing': '0.05',
    'held-out': '0.1',
    out: sentimentModelDir(),
    gateway: '',
    register: 'true',
    'token-head': 'true',
    'max-tokens': '48',
    'table-dim': '128',
    ngrams: '2,3',
    filters: '128',
    'token-hidden': '128',
    'token-dropout': '0.3',
    'word-dropout': '0.1',
    'token-epochs': '3',
    'head-seeds': '3',
    'ngram-head': 'true',
    'ngram-dims': '262144',
    'ngram-words': '1,2',
    'ngram-l2': '0.0001',
    'ngram-lr': '0.003',
  });
  const seed = Number(args.seed);
  const hidden = args.hidden.trim() === '' ? [] : args.hidden.split(',').map(Number);
  if (!Number.isInteger(seed) || hidden.some((h) => !Number.isInteger(h) || h <= 0)) throw new Error('--seed must be an integer and --hidden a list of positive integers');
  const startedAt = performance.now();
  const backend = await useWasmBackend();
  log(`TensorFlow.js backend: ${backend}`);

  const train = loadLabelledTsv(args.train);
  const dev = loadLabelledTsv(args.dev);
  log(`data: ${train.length} training phrases (${args.train}), ${dev.length} dev sentences (${args.dev})`);

  const ownGateway = args.gateway ? undefined : await startGatewayProcess({ GATEWAY_MODEL_STORE: mkdtempSync(join(tmpdir(), 'sentiment-train-store-')) });
  const gatewayUrl = ownGateway ? ownGateway.url : args.gateway;
  if (ownGateway) log(`started a gateway at ${gatewayUrl} (stopped at the end)`);
  try {
    const client = new GatewayClient({ baseUrl: gatewayUrl, apiKey: process.env.GATEWAY_API_KEY, timeoutMs: 180_000, maxRetries: 5 });
    const cacheDir = join(workspaceRoot(), 'tmp', 'cache', 'embeddings');
    let lastReport = 0;
    const progress = (what: string) => (p: { done: number; total: number; elapsedMs: number }) => {
      if (p.elapsedMs - lastReport < 10_000 && p.done < p.total) return;
      lastReport = p.elapsedMs;
      const rate = p.done / (p.elapsedMs / 1000);
      log(`embedding ${what}: ${p.done}/${p.total} (${rate.toFixed(0)}/s, ~${((p.total - p.done) / rate).toFixed(0)} s left)`);
    };
    const trainEmb = await cachedEmbeddings(client, train.map((r) => r.sentence), { model: EMBEDDING_MODEL, cacheDir, log, onProgress: progress('train'), batchSize: 64, concurrency: 4 });
    lastReport = 0;
    const devEmb = await cachedEmbeddings(client, dev.map((r) => r.sentence), { model: EMBEDDING_MODEL, cacheDir, log, onProgress: progress('dev'), batchSize: 64, concurrency: 4 });
    const dim = trainEmb.meta.dimensions;

    // Early stopping watches seeded whole sentences of train (their sub-phrases leave training), so
    // dev stays a clean test set and the held-out loss is not flattered by the phrase tree.
    const split = sentenceHeldOutSplit(train.map((r) => r.sentence), { fraction: Number(args['held-out']), seed });
    log(`held out ${split.heldOut.length} sentence-like phrases (≥ 10 words) for early stopping; dropped their ${split.dropped.length} sub-phrases from training`);
    const labels = train.map((r) => r.label);
    const trainRows = { matrix: takeRows(trainEmb.matrix, dim, split.train), labels: split.train.map((i) => labels[i]), dim };
    const heldOutRows = { matrix: takeRows(trainEmb.matrix, dim, split.heldOut), labels: split.heldOut.map((i) => labels[i]), dim };
    const hyperparameters = {
      'learning rate': Number(args.lr),
      'batch size': Number(args.batch),
      dropout: Number(args.dropout),
      'L2': Number(args.l2),
      'label smoothing': Number(args['label-smoothing']),
      'max epochs': Number(args.epochs),
      patience: Number(args.patience),
    };
    const model = buildDenseHead({ name: 'sentiment_head', inputDim: dim, hidden, outputs: LABELS.length, dropout: hyperparameters.dropout, l2: hyperparameters.L2, seed });
    const architecture = `${dim} → ${hidden.map((h) => `${h} ReLU → dropout ${hyperparameters.dropout}`).join(' → ')}${hidden.length ? ' → ' : ''}2 softmax`;
    log(`training ${architecture} (${model.countParams()} parameters) on ${trainRows.labels.length} phrases, ${heldOutRows.labels.length} held out`);
    const result = await trainHead(model, trainRows, heldOutRows, {
      maxEpochs: hyperparameters['max epochs'],
      patience: hyperparameters.patience,
      batchSize: hyperparameters['batch size'],
      learningRate: hyperparameters['learning rate'],
      labelSmoothing: hyperparameters['label smoothing'],
      seed,
      classes: LABELS.length,
      log,
    });
    log(`trained in ${result.seconds.toFixed(1)} s; kept epoch ${result.bestEpoch}`);

    const yTrue = dev.map((r) => r.label);
    const devSentences = dev.map((r) => r.sentence);
    const scoreDev = (p: ArrayLike<number>) => {
      const yPred = Array.from(p, (q) => (q >= 0.5 ? 1 : 0));
      return { yPred, accuracy: accuracy(yTrue, yPred), macroF1: precisionRecallF1(yTrue, yPred).macro.f1 };
    };
    const headOptions = {
      maxEpochs: hyperparameters['max epochs'],
      patience: hyperparameters.patience,
      batchSize: hyperparameters['batch size'],
      learningRate: hyperparameters['learning rate'],
      labelSmoothing: hyperparameters['label smoothing'],
      classes: LABELS.length,
    };
    const headDev = scoreDev(predictPositive(model, { matrix: devEmb.matrix, dim }));
    log(`dev, embedding head alone: accuracy ${headDev.accuracy.toFixed(4)}`);

    // With the token head (on by default): a few more embedding-head seeds (their mean is steadier than
    // one), the token head on the same phrases and split, and the token head's weight in the average
    // chosen on the held-out phrases. All averaged into the one model the gateway serves.
    let served: tf.LayersModel = model;
    let files: LayersModelFiles;
    let token:
      | (TokenStage & {
          dev: ReturnType<typeof scoreDev>;
          options: TokenStageOptions;
          weight: number;
          heads: number;
          headsDev: ReturnType<typeof scoreDev>;
          ngram?: NgramStage & { dev: ReturnType<typeof scoreDev>; spec: HashedNgramSpec; l2: number };
          /** Member weights: embedding heads, token head[, n-gram head]. */
          weights: number[];
        })
      | undefined;
    let finalDevP: Float32Array;
    if (args['token-head'] === 'true') {
      const heads: tf.LayersModel[] = [model];
      for (let extra = 1; extra < Number(args['head-seeds']); extra++) {
        const head = buildDenseHead({ name: `sentiment_head_${extra}`, inputDim: dim, hidden, outputs: LABELS.length, dropout: hyperparameters.dropout, l2: hyperparameters.L2, seed: seed + extra });
        const r = await trainHead(head, trainRows, heldOutRows, { ...headOptions, seed: seed + extra, log: () => undefined });
        log(`embedding head seed ${seed + extra}: kept epoch ${r.bestEpoch} of ${r.epochs.length} (${r.seconds.toFixed(0)} s)`);
        heads.push(head);
      }
      const meanOf = (rows: { matrix: Float32Array; dim: number }) => {
        const all = heads.map((head) => predictPositive(head, rows));
        return Float32Array.from(all[0], (_, i) => all.reduce((sum, p) => sum + p[i], 0) / all.length);
      };
      const headsDev = scoreDev(meanOf({ matrix: devEmb.matrix, dim }));
      log(`dev, mean of ${heads.length} embedding heads: accuracy ${headsDev.accuracy.toFixed(4)}`);
      const options: TokenStageOptions = {
        maxTokens: Number(args['max-tokens']),
        tableDim: Number(args['table-dim']),
        ngrams: args.ngrams.trim() === '' ? [] : args.ngrams.split(',').map(Number),
        filters: Number(args.filters),
        hidden: args['token-hidden'].trim() === '' ? [] : args['token-hidden'].split(',').map(Number),
        dropout: Number(args['token-dropout']),
        wordDropout: Number(args['word-dropout']),
        maxEpochs: Number(args['token-epochs']),
        patience: 1,
        batchSize: 128,
        learningRate: Number(args.lr),
        labelSmoothing: hyperparameters['label smoothing'],
        seed,
        log,
      };
      const sentences = train.map((r) => r.sentence);
      const stage = await trainTokenStage(sentences, labels, split, options);
      log(`token head: ${stage.architecture}; trained in ${stage.result.seconds.toFixed(0)} s, kept epoch ${stage.result.bestEpoch}`);
      const tokenDev = scoreDev(stage.predict(devSentences));
      log(`dev, token head alone: accuracy ${tokenDev.accuracy.toFixed(4)}`);
      // The n-gram head: exact word n-grams, which neither USE nor the subword head keeps apart.
      let ngram: (NgramStage & { dev: ReturnType<typeof scoreDev>; spec: HashedNgramSpec; l2: number }) | undefined;
      if (args['ngram-head'] === 'true') {
        const [wMin, wMax] = args['ngram-words'].split(',').map(Number);
        const spec: HashedNgramSpec = { type: 'hashed-ngrams', dimensions: Number(args['ngram-dims']), wordNgrams: [wMin, wMax ?? wMin], charNgrams: [0, 0] };
        const l2 = Number(args['ngram-l2']);
        const stage = await trainNgramStage(sentences, labels, split, { ...headOptions, spec, l2, learningRate: Number(args['ngram-lr']), labelSmoothing: 0, patience: 2, seed, log });
        ngram = { ...stage, dev: scoreDev(stage.predict(devSentences)), spec, l2 };
        log(`n-gram head: ${stage.architecture}; trained in ${stage.result.seconds.toFixed(0)} s, kept epoch ${stage.result.bestEpoch}`);
        log(`dev, n-gram head alone: accuracy ${ngram.dev.accuracy.toFixed(4)}`);
      }
      const heldOutTexts = split.heldOut.map((i) => sentences[i]);
      const chosen = chooseMemberWeights([meanOf(heldOutRows), stage.predict(heldOutTexts), ...(ngram ? [ngram.predict(heldOutTexts)] : [])], heldOutRows.labels);
      log(`member weights (embedding heads, token head${ngram ? ', n-gram head' : ''}): ${chosen.weights.join(', ')} (held-out accuracy of the average ${chosen.accuracy.toFixed(4)})`);
      token = { ...stage, dev: tokenDev, options, weight: chosen.weights[1], heads: heads.length, headsDev, ngram, weights: chosen.weights };
      served = averagedModel(
        [
          { heads, weight: chosen.weights[0] },
          { heads: [stage.model], weight: chosen.weights[1] },
          ...(ngram ? [{ heads: [ngram.model], weight: chosen.weights[2] }] : []),
        ],
        { embeddingDim: dim, name: 'sentiment_ensemble' },
      );
      files = quantizeLayersFiles(await layersModelFiles(served));
      // Score what will be served: the saved, quantized files loaded back, fed by input name as the gateway does.
      const reloaded = await loadLayersModelFiles(files);
      const [ids, weights] = stage.inputs(devSentences);
      const embeddings = tf.tensor2d(devEmb.matrix, [dev.length, dim]);
      const [featureIds, featureValues] = ngram ? ngram.inputs(devSentences) : [];
      const byName: Record<string, tf.Tensor | undefined> = { input_ids: ids, token_weights: weights, embedding: embeddings, feature_ids: featureIds, feature_values: featureValues };
      const fed = reloaded.inputs.map((input) => Object.entries(byName).find(([name]) => input.name.startsWith(name))?.[1] ?? embeddings);
      finalDevP = tf.tidy(() => (reloaded.predict(fed) as tf.Tensor2D).slice([0, 1], [-1, 1]).dataSync() as Float32Array);
      tf.dispose([ids, weights, embeddings, ...(featureIds && featureValues ? [featureIds, featureValues] : [])]);
    } else {
      files = await layersModelFiles(model);
      finalDevP = predictPositive(model, { matrix: devEmb.matrix, dim });
    }
    const { yPred, accuracy: devAccuracy, macroF1: devMacroF1 } = scoreDev(finalDevP);
    const ci = bootstrapPairedCi(yTrue, yPred, accuracy, { seed });
    log(`dev${token ? ', averaged heads as served (quantized)' : ''}: accuracy ${devAccuracy.toFixed(4)} (95% CI ${ci.lower.toFixed(4)}–${ci.upper.toFixed(4)}), macro-F1 ${devMacroF1.toFixed(4)}`);

    const artifactBytes = files['model.json'].byteLength + files['weights.bin'].byteLength;
    if (artifactBytes > MAX_ARTIFACT_BYTES) throw new Error(`artifact is ${artifactBytes} bytes, over the 2 MiB limit: use smaller --hidden layers or --table-dim`);
    const version = nextVersion(args.out);
    const config: SentimentHeadConfig = {
      version,
      task: 'text-classification',
      runtime: 'tfjs-layers',
      labels: { type: 'inline', values: LABELS },
      preprocessing: token
        ? { embeddingModel: EMBEDDING_MODEL, tokenizer: 'use-sentencepiece', maxTokens: token.options.maxTokens, ...(token.ngram ? { features: token.ngram.spec } : {}) }
        : { embeddingModel: EMBEDDING_MODEL },
      memoryMb: token ? 40 : 5,
      description: token
        ? `MLPs on ${EMBEDDING_MODEL} averaged with a USE-subword token head${token.ngram ? ' and an NB-weighted word n-gram head' : ''} (SST-2 dev accuracy ${devAccuracy.toFixed(3)})`
        : `MLP sentiment head on ${EMBEDDING_MODEL} (SST-2 dev accuracy ${devAccuracy.toFixed(3)})`,
    };
    const root = workspaceRoot();
    const command = `npx nx run sentiment-api:train${process.argv.slice(2).length ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
    const modelCard = renderModelCard({
      config,
      command,
      trainFile: relative(root, args.train),
      trainRows: trainRows.labels.length,
      heldOutRows: heldOutRows.labels.length,
      droppedRows: split.dropped.length,
      devFile: relative(root, args.dev),
      devRows: dev.length,
      seed,
      architecture,
      parameters: served.countParams(),
      members: token
        ? {
            embeddingHead: { accuracy: headDev.accuracy, macroF1: headDev.macroF1 },
            embeddingHeads: { count: token.heads, accuracy: token.headsDev.accuracy, macroF1: token.headsDev.macroF1 },
            tokenWeight: token.weight,
            tokenHead: { accuracy: token.dev.accuracy, macroF1: token.dev.macroF1, architecture: token.architecture, bestEpoch: token.result.bestEpoch, epochs: token.result.epochs, seconds: token.result.seconds },
            ngramHead: token.ngram
              ? { accuracy: token.ngram.dev.accuracy, macroF1: token.ngram.dev.macroF1, architecture: token.ngram.architecture, bestEpoch: token.ngram.result.bestEpoch, epochs: token.ngram.result.epochs, seconds: token.ngram.result.seconds }
              : undefined,
            weights: token.weights,
          }
        : undefined,
      hyperparameters,
      bestEpoch: result.bestEpoch,
      epochs: result.epochs,
      dev: { accuracy: devAccuracy, macroF1: devMacroF1, accuracyCi: [ci.lower, ci.upper] },
      trainingSeconds: result.seconds,
      embedding: { model: trainEmb.meta.model, version: trainEmb.meta.version, seconds: trainEmb.meta.seconds, fromCache: trainEmb.fromCache },
      backend,
      artifactBytes,
    });
    const metrics = {
      dataset: 'sst2-dev',
      n: dev.length,
      accuracy: devAccuracy,
      macro_f1: devMacroF1,
      accuracy_ci95: [ci.lower, ci.upper],
      best_epoch: result.bestEpoch,
      training_seconds: result.seconds + (token?.result.seconds ?? 0) + (token?.ngram?.result.seconds ?? 0),
      epochs: result.epochs,
      ...(token ? { embedding_head_accuracy: headDev.accuracy, token_head_accuracy: token.dev.accuracy, token_epochs: token.result.epochs, member_weights: token.weights } : {}),
      ...(token?.ngram ? { ngram_head_accuracy: token.ngram.dev.accuracy, ngram_epochs: token.ngram.result.epochs } : {}),
    };
    const written = writeArtifact({ dir: args.out, name: SENTIMENT_HEAD_NAME, config, files, modelCard, extraJson: { 'metrics.json': metrics } });
    log(`wrote ${relative(root, written)} (${artifactBytes} bytes) and latest.json → ${version}`);

    if (args.register === 'true') {
      const info = await client.registerModel(SENTIMENT_HEAD_NAME, { ...config }, files);
      log(`registered ${info.id}@${info.version} with the gateway: ${info.state}`);
      // The served model must agree with the one just evaluated here (same weights, same embeddings).
      const served: number[] = [];
      for (let start = 0; start < dev.length; start += 64) {
        const answer = await client.classify(dev.slice(start, start + 64).map((r) => r.sentence), { model: SENTIMENT_HEAD_NAME, priority: 'bulk' });
        if (answer.version !== version) throw new Error(`gateway answered with ${answer.model}@${answer.version}, expected ${version}`);
        answer.results.forEach((r) => served.push(r.scores.positive >= 0.5 ? 1 : 0));
      }
      const servedAccuracy = accuracy(yTrue, served);
      log(`gateway /v1/classify on dev: accuracy ${servedAccuracy.toFixed(4)} (local ${devAccuracy.toFixed(4)})`);
      if (Math.abs(servedAccuracy - devAccuracy) > 0.005) throw new Error('the served head disagrees with the trained one: check the exported files');
    }
    log(`done in ${((performance.now() - startedAt) / 1000).toFixed(0)} s`);
    console.log(JSON.stringify({ model: SENTIMENT_HEAD_NAME, version, dataset: 'sst2-dev', n: dev.length, accuracy: devAccuracy, macro_f1: devMacroF1 }));
  } finally {
    await ownGateway?.stop();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
