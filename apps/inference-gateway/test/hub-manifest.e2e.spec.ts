import { join } from 'node:path';
import { AutoTokenizer } from '@huggingface/transformers';
import { bundledManifestsDir, PipelineModelHandle } from '@matrix/model-loading';
import { modelsDir } from '@matrix/paths';
import { createEmbeddingModel } from '../src/tasks/text-embedding.task';
import { createTextClassifier } from '../src/tasks/text-classification.task';
import type { AdapterContext } from '../src/tasks/task-adapter';
import { postJson, readJson, startGateway } from './gateway-harness';

// hub.yaml names transformers.js models by hub id. Their weights cannot be fetched here, so this
// proves the offline behaviour end to end and the pipeline adapters with the real tokenizers.
describe('the hub manifest on a machine without the hub', () => {
  it('starts, reports each hub model not ready with MODEL_FILE_MISSING, and answers 503 on its routes', async () => {
    const gateway = await startGateway({ MODEL_MANIFEST: join(bundledManifestsDir(), 'hub.yaml') });
    try {
      const index = (await readJson(await fetch(`${gateway.url}/v1/models`))).models as Array<{ id: string; state: string; reason?: { code: string } }>;
      expect(index.map((m) => [m.id, m.state, m.reason?.code])).toEqual([
        ['distilbert-sst2', 'FAILED', 'MODEL_FILE_MISSING'],
        ['all-minilm-l6-v2', 'FAILED', 'MODEL_FILE_MISSING'],
        ['clip-vit-base-patch32', 'FAILED', 'MODEL_FILE_MISSING'],
      ]);
      const ready = await fetch(`${gateway.url}/v2/health/ready`);
      expect(ready.status).toBe(503);
      const classify = await postJson(`${gateway.url}/v1/classify`, { model: 'distilbert-sst2', texts: ['great movie'] });
      expect(classify.status).toBe(503);
      expect(classify.body.error).toMatch(/distilbert-sst2.*not ready \(FAILED\)/);
    } finally {
      await gateway.close();
    }
  }, 60_000);
});

/** A transformers.js-shaped pipeline whose tokenizer is the real one from ../shared/models/tokenizers. */
async function pipelineWithRealTokenizer(
  folder: string,
  run: (texts: string[], ids: number[][], options?: Record<string, unknown>) => unknown,
): Promise<PipelineModelHandle> {
  const tokenizer = await AutoTokenizer.from_pretrained(join(modelsDir(), 'tokenizers', folder), { local_files_only: true });
  return {
    kind: 'pipeline',
    pipelineTask: 'test',
    modelId: folder,
    version: '1',
    runtime: 'transformers.js',
    device: { device: 'cpu', backend: 'test', skipped: [] },
    inputs: [],
    outputs: [],
    loadTimeMs: 0,
    async run(input, options) {
      const texts = input as string[];
      const ids = texts.map((t) => Array.from(tokenizer.encode(t)) as number[]);
      return run(texts, ids, options);
    },
    async dispose() {
      return undefined;
    },
  };
}

function context(handle: PipelineModelHandle, task: 'text-classification' | 'text-embedding'): AdapterContext {
  return {
    entry: { id: handle.modelId, version: '1', task } as AdapterContext['entry'],
    handle,
    status: { id: handle.modelId, version: '1', task, runtime: 'transformers.js', state: 'READY' },
    labels: undefined,
  };
}

describe('transformers.js pipeline adapters with the real hub tokenizers', () => {
  it('the DistilBERT SST-2 tokenizer loads from MODELS_DIR and gives the vocab ids', async () => {
    // vocab.txt (id = line − 1): [CLS]=101, hello=7592, world=2088, !=999, [SEP]=102
    const seen: number[][] = [];
    const handle = await pipelineWithRealTokenizer('distilbert-base-uncased-finetuned-sst-2-english', (texts, ids) => {
      seen.push(...ids);
      return texts.map(() => [
        { label: 'POSITIVE', score: 0.9 },
        { label: 'NEGATIVE', score: 0.1 },
      ]);
    });
    const classifier = await createTextClassifier(context(handle, 'text-classification'));
    const [probabilities] = await classifier.adapter.run([{ text: 'Hello world!' }]);
    expect(seen[0]).toEqual([101, 7592, 2088, 999, 102]);
    // Labels are ordered alphabetically when the manifest gives none: NEGATIVE, POSITIVE.
    expect(Array.from(probabilities)).toEqual([expect.closeTo(0.1, 6), expect.closeTo(0.9, 6)]);
  });

  it('the MiniLM embedding pipeline is asked for mean pooling and normalised vectors, one row per text', async () => {
    let options: Record<string, unknown> | undefined;
    const handle = await pipelineWithRealTokenizer('all-MiniLM-L6-v2', (texts, _ids, opts) => {
      options = opts;
      return { dims: [texts.length, 3], data: Float32Array.from(texts.flatMap((_, i) => [i, i + 1, i + 2])) };
    });
    const embedder = await createEmbeddingModel(context(handle, 'text-embedding'));
    const rows = await embedder.adapter.run([{ text: 'a' }, { text: 'b' }]);
    expect(options).toEqual({ pooling: 'mean', normalize: true });
    expect(rows.map((r) => Array.from(r))).toEqual([
      [0, 1, 2],
      [1, 2, 3],
    ]);
  });
});
