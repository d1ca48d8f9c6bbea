import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GatewayClient, GatewayError } from '@matrix/gateway-client';
import { postJson, RunningGateway, startGateway } from './gateway-harness';
import { tfjsModelFiles } from './tfjs-model-files';

/**
 * A factor-scoring model as a product registers one: Dense(d → items) whose kernel holds the item
 * factors (one column per item) and whose bias holds the item biases.
 */
async function factorModel(itemFactors: number[][], itemBias: number[]): Promise<Record<string, Buffer>> {
  const d = itemFactors[0].length;
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [d], units: itemFactors.length, name: 'item_scores' }));
  const kernel = tf.tensor2d(itemFactors).transpose();
  model.layers[0].setWeights([kernel, tf.tensor1d(itemBias)]);
  return tfjsModelFiles(model);
}

describe('item-ranking models (factor scoring with exclusions) through /v1/rank-items', () => {
  let gateway: RunningGateway;
  let client: GatewayClient;
  beforeAll(async () => {
    // No manifest models: this file only needs the model it registers.
    const dir = mkdtempSync(join(tmpdir(), 'ranking-'));
    writeFileSync(join(dir, 'manifest.yaml'), 'manifestVersion: 1\nmodels: []\n');
    gateway = await startGateway({ MODEL_MANIFEST: join(dir, 'manifest.yaml'), GATEWAY_MODEL_STORE: join(dir, 'store') });
    client = new GatewayClient({ baseUrl: gateway.url, maxRetries: 0 });
    // 4 items with 2-d factors; item 3 has a large bias.
    const files = await factorModel(
      [
        [1, 0],
        [0, 1],
        [0.5, 0.5],
        [0, 0],
      ],
      [0, 0, 0, 0.8],
    );
    const info = await client.registerModel('test-factors', { version: '3', task: 'item-ranking', runtime: 'tfjs-layers' }, files);
    expect(info.state).toBe('READY');
  }, 60_000);
  afterAll(() => gateway?.close());

  it('scores vector · factors + bias and returns the top k, best first', async () => {
    const result = await client.rankItems('test-factors', [{ vector: [1, 0] }, { vector: [0, 2] }], { topK: 2 });
    expect(result).toMatchObject({ model: 'test-factors', version: '3', items: 4 });
    // [1,0]: scores 1, 0, 0.5, 0.8 → items 0, 3.  [0,2]: 0, 2, 1, 0.8 → items 1, 2.
    expect(result.results[0].items).toEqual([
      { index: 0, score: expect.closeTo(1, 5) },
      { index: 3, score: expect.closeTo(0.8, 5) },
    ]);
    expect(result.results[1].items.map((i) => i.index)).toEqual([1, 2]);
  });

  it('leaves out excluded items', async () => {
    const result = await client.rankItems('test-factors', [{ vector: [1, 0], exclude: [0, 3] }], { topK: 3 });
    expect(result.results[0].items.map((i) => i.index)).toEqual([2, 1]);
  });

  it('rejects a vector of the wrong width and exclusions outside the item range, saying what fits', async () => {
    const wrongWidth = (await client.rankItems('test-factors', [{ vector: [1, 0, 0] }]).catch((e) => e)) as GatewayError;
    expect([wrongWidth.status, wrongWidth.message]).toEqual([400, "queries[0].vector has 3 values; model 'test-factors' takes 2"]);
    const outside = (await client.rankItems('test-factors', [{ vector: [1, 0], exclude: [9] }]).catch((e) => e)) as GatewayError;
    expect(outside.message).toBe("queries[0].exclude has item 9; model 'test-factors' has items 0..3");
    const { status, body } = await postJson(`${gateway.url}/v1/rank-items`, { model: 'test-factors', queries: [] });
    expect(status).toBe(400);
    expect(JSON.stringify(body)).toMatch(/give at least one query/);
  });
});
