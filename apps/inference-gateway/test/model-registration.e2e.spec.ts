import * as tf from '@tensorflow/tfjs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GatewayClient, GatewayError } from '@matrix/gateway-client';
import { fnv1a, hashedNgramSparse, loadUseTokenizer, type HashedNgramSpec } from '@matrix/tokenization';
import { postJson, RunningGateway, startGateway } from './gateway-harness';
import { tfjsModelFiles } from './tfjs-model-files';

/**
 * A head that reads the text's tokens as well as its embedding: the mean over tokens of a one-value
 * embedding that is +4 for the piece '▁great' and 0 elsewhere, plus 0 × the sentence embedding, into
 * logits [−m, +m]. So P(positive) = sigmoid(2m), with m = (count of '▁great') / (count of tokens).
 */
async function tokenHead(greatId: number): Promise<Record<string, Buffer>> {
  const ids = tf.input({ shape: [16], dtype: 'int32', name: 'input_ids' });
  const weights = tf.input({ shape: [16, 1], name: 'token_weights' });
  const embedding = tf.input({ shape: [512], name: 'embedding' });
  const table = new Float32Array(8002);
  table[greatId] = 4;
  const perToken = tf.layers.embedding({ inputDim: 8002, outputDim: 1, weights: [tf.tensor2d(table, [8002, 1])] }).apply(ids) as tf.SymbolicTensor;
  const mean = tf.layers.flatten().apply(tf.layers.dot({ axes: 1 }).apply([weights, perToken])) as tf.SymbolicTensor;
  return tinyHead(tf.model({ inputs: [ids, weights, embedding], outputs: signedLogits(mean, embedding) }));
}

/** softmax([−m, +m]) of a one-value signal m, beside 0 × the 512-d embedding (so the head reads both inputs). */
function signedLogits(signal: tf.SymbolicTensor, embedding: tf.SymbolicTensor): tf.SymbolicTensor {
  const both = tf.layers.concatenate().apply([signal, embedding]) as tf.SymbolicTensor;
  const kernel = new Float32Array(513 * 2);
  kernel[0] = -1;
  kernel[1] = 1;
  return tf.layers.dense({ units: 2, activation: 'softmax', weights: [tf.tensor2d(kernel, [513, 2]), tf.zeros([2])] }).apply(both) as tf.SymbolicTensor;
}

/**
 * A head that reads the text's hashed n-grams as sparse ids and values beside its embedding: a one-value
 * table that is +3 at the bucket of the word 'great' and 0 elsewhere, summed as Σ value·table, plus
 * 0 × the embedding, into logits [−s, +s]. So P(positive) = sigmoid(2s), s = 3 × (value of 'w:great').
 */
async function sparseNgramHead(spec: HashedNgramSpec): Promise<Record<string, Buffer>> {
  const ids = tf.input({ shape: [null], dtype: 'int32', name: 'feature_ids' });
  const values = tf.input({ shape: [null, 1], name: 'feature_values' });
  const embedding = tf.input({ shape: [512], name: 'embedding' });
  const table = new Float32Array(spec.dimensions);
  table[fnv1a('w:great') % spec.dimensions] = 3;
  const perBucket = tf.layers
    .embedding({ inputDim: spec.dimensions, outputDim: 1, weights: [tf.tensor2d(table, [spec.dimensions, 1])] })
    .apply(ids) as tf.SymbolicTensor;
  const sum = tf.layers.flatten().apply(tf.layers.dot({ axes: 1 }).apply([values, perBucket])) as tf.SymbolicTensor;
  return tinyHead(tf.model({ inputs: [ids, values, embedding], outputs: signedLogits(sum, embedding) }));
}

/** A real tfjs-layers model as model.json + weights.bin bytes (default: a 512 → 2 softmax head with an all-ones kernel). */
async function tinyHead(model: tf.LayersModel = onesHead()): Promise<Record<string, Buffer>> {
  return tfjsModelFiles(model);
}

function onesHead(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [512], units: 2, activation: 'softmax', kernelInitializer: 'ones', biasInitializer: 'zeros' }));
  return model;
}

describe('registering a trained model at run time (load with config + files)', () => {
  let gateway: RunningGateway;
  beforeAll(async () => {
    gateway = await startGateway({ GATEWAY_MODEL_STORE: mkdtempSync(join(tmpdir(), 'model-store-')) });
  }, 60_000);
  afterAll(() => gateway?.close());

  it('serves a head registered through the client, on top of the embedding model it names', async () => {
    const client = new GatewayClient({ baseUrl: gateway.url, maxRetries: 0 });
    const config = {
      version: '7',
      task: 'text-classification',
      runtime: 'tfjs-layers',
      labels: { type: 'inline', values: ['negative', 'positive'] },
      preprocessing: { embeddingModel: 'use-lite-en' },
    };
    const info = await client.registerModel('test-head', config, await tinyHead());
    expect([info.id, info.version, info.state]).toEqual(['test-head', '7', 'READY']);
    const result = await client.classify(['what a lovely day'], { model: 'test-head' });
    // All-ones kernel: both logits equal, so the softmax gives exactly 0.5 / 0.5.
    expect(result.results[0].scores).toEqual({ negative: expect.closeTo(0.5, 5), positive: expect.closeTo(0.5, 5) });
    expect(result).toMatchObject({ model: 'test-head', version: '7' });
  });

  it('runs several heads on one embedding per text with models: [...], answering each as its own call would', async () => {
    const client = new GatewayClient({ baseUrl: gateway.url, maxRetries: 0 });
    // Two heads on use-lite-en whose answers depend on the embedding (seeded random kernels), with 2 and 3 classes.
    const head = (units: number, seed: number) => {
      const model = tf.sequential();
      model.add(tf.layers.dense({ inputShape: [512], units, activation: 'softmax', kernelInitializer: tf.initializers.glorotNormal({ seed }) }));
      return tinyHead(model);
    };
    const config = (labels: string[]) => ({
      version: '1',
      task: 'text-classification',
      runtime: 'tfjs-layers',
      labels: { type: 'inline', values: labels },
      preprocessing: { embeddingModel: 'use-lite-en' },
    });
    await client.registerModel('multi-binary', config(['negative', 'positive']), await head(2, 1));
    await client.registerModel('multi-three', config(['negative', 'neutral', 'positive']), await head(3, 2));
    const texts = ['the staff were lovely', 'breakfast was cold', 'we checked out at noon'];
    const alone = await Promise.all(['multi-binary', 'multi-three'].map((model) => client.classify(texts, { model })));

    const embedded = async () => {
      const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
      return Number(/^gateway_batch_size_sum\{model="use-lite-en"\} (\S+)$/m.exec(metrics)?.[1] ?? NaN);
    };
    const before = await embedded();
    const together = await client.classifyHeads(texts, ['multi-three', 'multi-binary']);
    // One use-lite-en pass per text for both heads (two separate calls cost two).
    expect((await embedded()) - before).toBe(texts.length);
    expect(together.heads.map((h) => [h.model, h.version])).toEqual([
      ['multi-three', '1'],
      ['multi-binary', '1'],
    ]);
    const [three, binary] = together.heads;
    for (const [both, single] of [
      [binary, alone[0]],
      [three, alone[1]],
    ] as const) {
      expect(both.results.map((r) => r.label)).toEqual(single.results.map((r) => r.label));
      both.results.forEach((r, i) => {
        for (const [label, p] of Object.entries(single.results[i].scores)) expect(r.scores[label]).toBeCloseTo(p, 5);
      });
    }
  });

  it('documents models in the OpenAPI body of POST /v1/classify', async () => {
    const doc = (await (await fetch(`${gateway.url}/docs/openapi.json`)).json()) as {
      paths: Record<string, { post?: { requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> } } }>;
    };
    const schema = doc.paths['/v1/classify'].post?.requestBody?.content['application/json'].schema;
    expect(Object.keys(schema?.properties ?? {})).toEqual(expect.arrayContaining(['texts', 'model', 'models']));
  });

  it('refuses models beside model, a repeated model, and a model that is not a text classifier, saying what to fix', async () => {
    const both = await postJson(`${gateway.url}/v1/classify`, { texts: ['x'], model: 'test-head', models: ['test-head'] });
    expect([both.status, JSON.stringify(both.body)]).toEqual([400, expect.stringContaining('give either model (and version) or models, not both')]);
    const repeated = await postJson(`${gateway.url}/v1/classify`, { texts: ['x'], models: ['test-head', 'test-head'] });
    expect([repeated.status, JSON.stringify(repeated.body)]).toEqual([400, expect.stringContaining('models must not repeat a model')]);
    const embedder = await postJson(`${gateway.url}/v1/classify`, { texts: ['x'], models: ['use-lite-en'] });
    expect(embedder.status).toBeGreaterThanOrEqual(400);
    expect(JSON.stringify(embedder.body)).toContain("model 'use-lite-en' is a text-embedding model, not text-classification");
  });

  it('serves a head on hashed n-gram features computed in the gateway from the text', async () => {
    const client = new GatewayClient({ baseUrl: gateway.url, maxRetries: 0 });
    const features: HashedNgramSpec = { type: 'hashed-ngrams', dimensions: 64, wordNgrams: [1, 1], charNgrams: [0, 0] };
    // Linear 64 → 2: only the bucket of the word "refund" pushes towards class "refund".
    const kernel = new Float32Array(64 * 2);
    kernel[(fnv1a('w:refund') % 64) * 2 + 1] = 10;
    const model = tf.sequential();
    model.add(tf.layers.dense({ inputShape: [64], units: 2, activation: 'softmax', weights: [tf.tensor2d(kernel, [64, 2]), tf.tensor1d([0, 0])] }));
    const config = {
      version: '1',
      task: 'text-classification',
      runtime: 'tfjs-layers',
      labels: { type: 'inline', values: ['other', 'refund'] },
      preprocessing: { features },
    };
    const info = await client.registerModel('ngram-head', config, await tinyHead(model));
    expect(info.state).toBe('READY');
    const result = await client.classify(['I want a refund', 'hello there'], { model: 'ngram-head' });
    expect(result.results.map((r) => r.label)).toEqual(['refund', 'other']);
    expect(result.results[0].score).toBeGreaterThan(0.9);
  });

  it('rejects a head whose feature spec is invalid, saying what to fix', async () => {
    const client = new GatewayClient({ baseUrl: gateway.url, maxRetries: 0 });
    const config = {
      version: '1',
      task: 'text-classification',
      runtime: 'tfjs-layers',
      labels: { type: 'inline', values: ['negative', 'positive'] },
      preprocessing: { features: { type: 'hashed-ngrams', dimensions: 0 } },
    };
    const error = (await client.registerModel('bad-ngram-head', config, await tinyHead()).catch((e) => e)) as GatewayError;
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/invalid model config: preprocessing.features: hashed-ngrams dimensions must be an integer/);
  });

  it('serves a head that reads the text tokens (USE SentencePiece ids, mean weights) beside the embedding', async () => {
    const client = new GatewayClient({ baseUrl: gateway.url, maxRetries: 0 });
    const tokenizer = await loadUseTokenizer();
    const [greatId] = tokenizer.encodeIds('great');
    const config = {
      version: '1',
      task: 'text-classification',
      runtime: 'tfjs-layers',
      labels: { type: 'inline', values: ['negative', 'positive'] },
      preprocessing: { embeddingModel: 'use-lite-en', tokenizer: 'use-sentencepiece', maxTokens: 16 },
    };
    expect((await client.registerModel('token-head', config, await tokenHead(greatId))).state).toBe('READY');
    const texts = ['great', 'a great day', 'a day', 'great ' + 'words '.repeat(40)];
    const { results } = await client.classify(texts, { model: 'token-head' });
    const expected = texts.map((text) => {
      const ids = tokenizer.encodeIds(text).slice(0, 16);
      const m = (4 * ids.filter((id) => id === greatId).length) / ids.length;
      return 1 / (1 + Math.exp(-2 * m));
    });
    expect(results.map((r) => r.scores.positive)).toEqual(expected.map((p) => expect.closeTo(p, 4)));
    // Padding never counts: 'great' alone is 4, diluted only by real tokens; past maxTokens nothing is read.
    expect(expected[0]).toBeGreaterThan(expected[1]);
    expect(expected[2]).toBeCloseTo(0.5, 6);
  });

  it('refuses a token head whose preprocessing names no tokenizer, saying what is missing', async () => {
    const client = new GatewayClient({ baseUrl: gateway.url, maxRetries: 0 });
    const config = { version: '1', task: 'text-classification', runtime: 'tfjs-layers', preprocessing: { embeddingModel: 'use-lite-en' } };
    const error = (await client.registerModel('token-head-without-tokenizer', config, await tokenHead(1)).catch((e) => e)) as GatewayError;
    expect(error).toBeInstanceOf(GatewayError);
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/cannot be served: .*has an 'input_ids' input but its preprocessing names no tokenizer/);
  });

  it('serves a head that reads sparse hashed n-grams (feature_ids, feature_values) beside the embedding', async () => {
    const client = new GatewayClient({ baseUrl: gateway.url, maxRetries: 0 });
    const spec: HashedNgramSpec = { type: 'hashed-ngrams', dimensions: 1024, wordNgrams: [1, 2], charNgrams: [0, 0] };
    const config = {
      version: '1',
      task: 'text-classification',
      runtime: 'tfjs-layers',
      labels: { type: 'inline', values: ['negative', 'positive'] },
      preprocessing: { embeddingModel: 'use-lite-en', features: spec },
    };
    expect((await client.registerModel('sparse-ngram-head', config, await sparseNgramHead(spec))).state).toBe('READY');
    // Texts of different lengths in one batch: the shorter rows are padded with bucket 0, value 0.
    const texts = ['Great!', 'a great day', 'a dull day', 'great great ' + 'words '.repeat(30)];
    const { results } = await client.classify(texts, { model: 'sparse-ngram-head' });
    const great = fnv1a('w:great') % spec.dimensions;
    const expected = texts.map((text) => {
      const { indices, values } = hashedNgramSparse(text, spec);
      const j = Array.from(indices).indexOf(great);
      return 1 / (1 + Math.exp(-2 * 3 * (j < 0 ? 0 : values[j])));
    });
    expect(results.map((r) => r.scores.positive)).toEqual(expected.map((p) => expect.closeTo(p, 4)));
    expect(expected[0]).toBeGreaterThan(expected[1]);
    expect(expected[2]).toBeCloseTo(0.5, 6);
  });

  it('refuses a head whose preprocessing names features beside an embedding but which has no feature_ids input', async () => {
    const client = new GatewayClient({ baseUrl: gateway.url, maxRetries: 0 });
    const spec: HashedNgramSpec = { type: 'hashed-ngrams', dimensions: 1024, wordNgrams: [1, 1], charNgrams: [0, 0] };
    const config = { version: '1', task: 'text-classification', runtime: 'tfjs-layers', preprocessing: { embeddingModel: 'use-lite-en', features: spec } };
    const error = (await client.registerModel('features-without-input', config, await tinyHead()).catch((e) => e)) as GatewayError;
    expect(error).toBeInstanceOf(GatewayError);
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/cannot be served: .*names preprocessing.features beside other inputs but has no 'feature_ids' input/);
  });

  it('rejects a config that is not a valid model entry, saying which field', async () => {
    const { status, body } = await postJson(`${gateway.url}/v2/repository/models/bad-head/load`, {
      parameters: { config: { task: 'telepathy', runtime: 'tfjs-layers' } },
    });
    expect(status).toBe(400);
    expect(body.error).toMatch(/invalid model config: task:/);
  });

  it('rejects file names that climb out of the model folder', async () => {
    const client = new GatewayClient({ baseUrl: gateway.url, maxRetries: 0 });
    const error = (await client
      .registerModel('evil', { task: 'text-classification', runtime: 'tfjs-layers' }, { '../../etc/x': Buffer.from('x') })
      .catch((e) => e)) as GatewayError;
    expect([error.status, error.message]).toEqual([400, "file name '../../etc/x' must be a relative path inside the model folder"]);
  });
});
