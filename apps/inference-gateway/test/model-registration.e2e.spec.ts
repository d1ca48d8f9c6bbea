import * as tf from '@tensorflow/tfjs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GatewayClient, GatewayError } from '@matrix/gateway-client';
import { postJson, RunningGateway, startGateway } from './gateway-harness';

/** A real tfjs-layers head (512 → 2, softmax) as model.json + weights.bin bytes. */
async function tinyHead(): Promise<Record<string, Buffer>> {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [512], units: 2, activation: 'softmax', kernelInitializer: 'ones', biasInitializer: 'zeros' }));
  let files: Record<string, Buffer> = {};
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const manifest = {
        modelTopology: artifacts.modelTopology,
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }],
      };
      files = { 'model.json': Buffer.from(JSON.stringify(manifest)), 'weights.bin': Buffer.from(artifacts.weightData as ArrayBuffer) };
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  return files;
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

  it('rejects a config that is not a valid model entry, saying which field', async () => {
    const { status, body } = await postJson(`${gateway.url}/v2/repository/models/bad-head/load`, { parameters: { config: { task: 'telepathy', runtime: 'tfjs-layers' } } });
    expect(status).toBe(400);
    expect(body.error).toMatch(/invalid model config: task:/);
  });

  it('rejects file names that climb out of the model folder', async () => {
    const client = new GatewayClient({ baseUrl: gateway.url, maxRetries: 0 });
    const error = (await client.registerModel('evil', { task: 'text-classification', runtime: 'tfjs-layers' }, { '../../etc/x': Buffer.from('x') }).catch((e) => e)) as GatewayError;
    expect([error.status, error.message]).toEqual([400, "file name '../../etc/x' must be a relative path inside the model folder"]);
  });
});
