import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { ModelLoadFailedError, ModelLoadingError, RuntimeUnavailableError } from '../errors';
import { imagePreprocessingOf } from '../manifest/parse-manifest';
import { modelEntrySchema } from '../manifest/manifest-schema';
import { resolveModel } from '../resolution/resolve-model';
import { offlineSettings, sharedDatasetFile, sharedModelFile, tempDir } from '../testing/fixtures';
import type { TensorModelHandle } from './model-handle';
import { createOnnxSession, onnxRuntime } from './onnxruntime-runtime';
import { onnxCudaUnavailableReason } from './onnx-cuda';
import { widenInt8Products } from './onnx-int8-precision';

const MODEL = 'mobilenetv2-12-int8/mobilenetv2-12-int8.onnx';

// The offline.yaml entry, ImageNet recipe included.
const entry = modelEntrySchema.parse({
  id: 'mobilenetv2-int8',
  task: 'image-classification',
  runtime: 'onnxruntime',
  source: { type: 'local', path: 'mobilenetv2-12-int8' },
  files: [{ path: 'mobilenetv2-12-int8.onnx' }],
  preprocessing: { resize: 256, crop: 224, mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] },
});

/** The manifest's recipe: shortest edge → 256, centre crop 224, RGB, (x/255 - mean)/std, NCHW. */
async function imageTensor(path: string): Promise<Float32Array> {
  const recipe = imagePreprocessingOf(entry);
  if (!recipe?.resize || !recipe.crop) throw new Error('recipe incomplete');
  const { data, info } = await sharp(path)
    .removeAlpha()
    .resize({ width: recipe.resize, height: recipe.resize, fit: 'outside' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const side = recipe.crop;
  const left = Math.floor((info.width - side) / 2);
  const top = Math.floor((info.height - side) / 2);
  const out = new Float32Array(3 * side * side);
  for (let y = 0; y < side; y++)
    for (let x = 0; x < side; x++)
      for (let c = 0; c < 3; c++) {
        const pixel = data[((top + y) * info.width + (left + x)) * info.channels + c];
        out[c * side * side + y * side + x] = (pixel * recipe.rescale - recipe.mean[c]) / recipe.std[c];
      }
  return out;
}

describe('onnxruntime runtime', () => {
  let handle: TensorModelHandle;
  const scratch = tempDir();

  beforeAll(async () => {
    sharedModelFile(MODEL);
    const settings = offlineSettings(scratch.path, { device: 'auto', onnxIntraOpThreads: 1 });
    handle = (await onnxRuntime.load({ entry, resolved: await resolveModel(entry, settings), settings })) as TensorModelHandle;
  });
  afterAll(async () => {
    await handle?.dispose();
    scratch.remove();
  });

  it('loads MobileNetV2 from MODELS_DIR and describes its tensors (ONNX Model Zoo: input [N,3,224,224], output [N,1000])', () => {
    expect(handle.inputs).toEqual([{ name: 'input', dtype: 'float32', shape: [-1, 3, 224, 224] }]);
    expect(handle.outputs).toEqual([{ name: 'output', dtype: 'float32', shape: [-1, 1000] }]);
    expect(handle.loadTimeMs).toBeGreaterThan(0);
  });

  it('runs on cpu here and says why CUDA was skipped', () => {
    expect(handle.device).toEqual({
      device: 'cpu',
      backend: 'onnxruntime-node/cpu',
      detail: widenInt8Products('auto') ? '1 intra-op threads, int8 products widened to int16' : '1 intra-op threads',
      skipped: [{ candidate: 'cuda', reason: onnxCudaUnavailableReason() }],
    });
    expect(onnxCudaUnavailableReason()).toMatch(/CUDA provider library not installed/);
  });

  it('maps a zero tensor [1,3,224,224] to logits [1,1000]', async () => {
    const { output } = await handle.infer({ input: { dtype: 'float32', shape: [1, 3, 224, 224], data: new Float32Array(3 * 224 * 224) } });
    expect(output.shape).toEqual([1, 1000]);
    expect(output.dtype).toBe('float32');
    expect((output.data as Float32Array).every(Number.isFinite)).toBe(true);
  });

  it('classifies the sample finch as ImageNet class 12 "house finch" with the manifest recipe', async () => {
    const data = await imageTensor(sharedModelFile('mobilenetv2-12-int8/finch.jpeg'));
    const { output } = await handle.infer({ input: { dtype: 'float32', shape: [1, 3, 224, 224], data } });
    const logits = Array.from(output.data as Float32Array);
    expect(logits.indexOf(Math.max(...logits))).toBe(12);
  });

  it('batches: two images in one call give the same logits as one each', async () => {
    const finch = await imageTensor(sharedModelFile('mobilenetv2-12-int8/finch.jpeg'));
    const zeros = new Float32Array(finch.length);
    const both = new Float32Array(finch.length * 2);
    both.set(finch);
    both.set(zeros, finch.length);
    const batched = (await handle.infer({ input: { dtype: 'float32', shape: [2, 3, 224, 224], data: both } })).output;
    const single = (await handle.infer({ input: { dtype: 'float32', shape: [1, 3, 224, 224], data: finch } })).output;
    expect(batched.shape).toEqual([2, 1000]);
    const first = Array.from((batched.data as Float32Array).subarray(0, 1000));
    Array.from(single.data as Float32Array).forEach((value, i) => expect(first[i]).toBeCloseTo(value, 3));
  });

  it('answers the same on every x64 CPU with int8 products widened: the tench is a tench (saturating, AVX2 says goldfish)', async () => {
    const { session } = await createOnnxSession('mobilenetv2-int8', sharedModelFile(MODEL), { device: 'cpu', int8Precision: 'exact' });
    try {
      const data = await imageTensor(sharedDatasetFile('imagenet-sample/images/n01440764_tench.JPEG'));
      const ort = await import('onnxruntime-node');
      const { output } = await session.run({ input: new ort.Tensor('float32', data, [1, 3, 224, 224]) });
      const logits = Array.from(output.data as Float32Array);
      expect(logits.indexOf(Math.max(...logits))).toBe(0);
    } finally {
      await session.release();
    }
  });

  it('refuses an explicit cuda request on a host without the provider', async () => {
    await expect(createOnnxSession('m', sharedModelFile(MODEL), { device: 'cuda' })).rejects.toBeInstanceOf(RuntimeUnavailableError);
  });

  it('reports a corrupt model file as ModelLoadFailedError, not a crash', async () => {
    const corrupt = join(scratch.path, 'corrupt.onnx');
    writeFileSync(corrupt, 'this is not a protobuf');
    const error = await createOnnxSession('broken', corrupt, { device: 'cpu' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelLoadFailedError);
    expect(error).toBeInstanceOf(ModelLoadingError);
    expect((error as ModelLoadFailedError).message).toMatch(/^model "broken" failed to load from .*corrupt\.onnx: .*protobuf parsing failed/i);
  });
});
