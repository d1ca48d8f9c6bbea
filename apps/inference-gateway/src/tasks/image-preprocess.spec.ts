import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import sharp from 'sharp';
import { modelsDir } from '@matrix/paths';
import { ImageDecodeError, sniffImageType } from './image-decode';
import type { ImagePreprocessing } from '@matrix/model-loading';
import { decodeImage, preprocessImage, writeNormalised } from './image-preprocess';

const IMAGENET: ImagePreprocessing = {
  resize: 256,
  resizeMode: 'shortest-edge',
  crop: 224,
  channels: 'RGB',
  rescale: 1 / 255,
  mean: [0.485, 0.456, 0.406],
  std: [0.229, 0.224, 0.225],
  layout: 'NCHW',
};

const finchPath = join(modelsDir(), 'mobilenetv2-12-int8', 'finch.jpeg');
const modelPath = join(modelsDir(), 'mobilenetv2-12-int8', 'mobilenetv2-12-int8.onnx');
const labelsPath = join(modelsDir(), 'imagenet-labels', 'imagenet-simple-labels.json');

describe('image preprocessing', () => {
  it('tells image types by magic bytes', async () => {
    expect(sniffImageType(readFileSync(finchPath))).toBe('jpeg');
    const png = await sharp({ create: { width: 2, height: 2, channels: 3, background: '#ff0000' } })
      .png()
      .toBuffer();
    expect(sniffImageType(png)).toBe('png');
    expect(sniffImageType(Buffer.from('%PDF-1.7 not an image'))).toBeUndefined();
  });

  it('stretches to a square in NHWC with BGR order when the recipe says so', async () => {
    const red = await sharp({ create: { width: 40, height: 20, channels: 3, background: '#ff0000' } })
      .png()
      .toBuffer();
    const out = await preprocessImage(red, {
      ...IMAGENET,
      resize: 8,
      resizeMode: 'stretch',
      crop: undefined,
      channels: 'BGR',
      layout: 'NHWC',
      rescale: 1,
      mean: [0, 0, 0],
      std: [1, 1, 1],
    });
    expect([out.width, out.height, out.originalWidth, out.originalHeight]).toEqual([8, 8, 40, 20]);
    expect(Array.from(out.data.slice(0, 3))).toEqual([0, 0, 255]);
  });

  it('normalises a solid red image to the ImageNet-normalised red in NCHW', async () => {
    const red = await sharp({ create: { width: 300, height: 260, channels: 3, background: '#ff0000' } })
      .jpeg({ quality: 100 })
      .toBuffer();
    const tensor = (await preprocessImage(red, IMAGENET)).data;
    const n = 224 * 224;
    expect(tensor.length).toBe(3 * n);
    // R plane: (1 - 0.485) / 0.229 = 2.2489; G plane: (0 - 0.456) / 0.224 = -2.0357 (JPEG adds ±1-2 levels).
    expect(tensor[n / 2]).toBeCloseTo((1 - 0.485) / 0.229, 1);
    expect(tensor[n + n / 2]).toBeCloseTo((0 - 0.456) / 0.224, 1);
  });

  it('normalises every 8-bit value of every channel to (v·rescale − mean)/std in float32, in either layout and channel order', async () => {
    // 256 × 1 lossless pixels: R = v, G = 255 − v, B = 7v mod 256.
    const raw = Buffer.from(Array.from({ length: 256 }, (_, v) => [v, 255 - v, (7 * v) % 256]).flat());
    const png = await sharp(raw, { raw: { width: 256, height: 1, channels: 3 } })
      .png()
      .toBuffer();
    const recipe: ImagePreprocessing = { ...IMAGENET, resize: undefined, crop: undefined };
    const expected = (value: number, c: number) => Math.fround((value * recipe.rescale - recipe.mean[c]) / recipe.std[c]);
    const nchw = (await preprocessImage(png, recipe)).data;
    const nhwcBgr = (await preprocessImage(png, { ...recipe, layout: 'NHWC', channels: 'BGR' })).data;
    for (let v = 0; v < 256; v++) {
      const rgb = [raw[v * 3], raw[v * 3 + 1], raw[v * 3 + 2]];
      expect([nchw[v], nchw[256 + v], nchw[512 + v]]).toEqual(rgb.map((value, c) => expected(value, c)));
      expect(Array.from(nhwcBgr.slice(v * 3, v * 3 + 3))).toEqual([rgb[2], rgb[1], rgb[0]].map((value, c) => expected(value, c)));
    }
  });

  it('refuses bytes that are not an image, and a truncated JPEG, with ImageDecodeError', async () => {
    await expect(preprocessImage(Buffer.from('hello, I am text'), IMAGENET)).rejects.toThrow(ImageDecodeError);
    const truncated = readFileSync(finchPath).subarray(0, 200);
    await expect(preprocessImage(truncated, IMAGENET)).rejects.toThrow(ImageDecodeError);
  });

  it('refuses images above the pixel limit before decoding them', async () => {
    await expect(preprocessImage(readFileSync(finchPath), IMAGENET, { maxPixels: 1000 })).rejects.toThrow(/500×416 pixels, more than the 1000 allowed/);
  });

  it('feeds MobileNetV2 so that finch.jpeg is a house finch', async () => {
    const session = await InferenceSession.create(modelPath);
    const input = (await preprocessImage(readFileSync(finchPath), IMAGENET)).data;
    const out = await session.run({ [session.inputNames[0]]: new Tensor('float32', input, [1, 3, 224, 224]) });
    const logits = out[session.outputNames[0]].data as Float32Array;
    const top = logits.indexOf(Math.max(...logits));
    const labels = JSON.parse(readFileSync(labelsPath, 'utf8')) as string[];
    expect(labels[top]).toBe('house finch');
  });

  it('normalises decoded 8-bit images straight into a batch at each offset, as preprocessImage does one by one', async () => {
    const finch = readFileSync(finchPath);
    const red = await sharp({ create: { width: 300, height: 260, channels: 3, background: '#ff0000' } })
      .png()
      .toBuffer();
    const decoded = await Promise.all([finch, red].map((bytes) => decodeImage(bytes, IMAGENET)));
    expect(decoded.map((d) => [d.width, d.height, d.rgb.length])).toEqual([
      [224, 224, 224 * 224 * 3],
      [224, 224, 224 * 224 * 3],
    ]);
    expect([decoded[0].originalWidth, decoded[0].originalHeight]).toEqual([500, 416]);
    const per = 3 * 224 * 224;
    const batch = new Float32Array(2 * per);
    decoded.forEach((image, i) => writeNormalised(image, IMAGENET, batch, i * per));
    expect(batch.subarray(0, per)).toEqual((await preprocessImage(finch, IMAGENET)).data);
    expect(batch.subarray(per)).toEqual((await preprocessImage(red, IMAGENET)).data);
    expect(() => writeNormalised(decoded[0], IMAGENET, batch, per + 1)).toThrow(RangeError);
  });
});
