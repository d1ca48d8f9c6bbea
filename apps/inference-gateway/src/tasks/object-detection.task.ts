import { imagePreprocessingOf, TensorModelHandle } from '@matrix/model-loading';
import { ImageLimits } from './image-decode';
import { preprocessImage } from './image-preprocess';
import { AdapterContext, TaskAdapter, toFloat32 } from './task-adapter';

export interface Detection {
  label: string;
  classIndex: number;
  score: number;
  /** COCO order: [x, y, width, height] in pixels of the original image. */
  box: [number, number, number, number];
}

export interface DetectionSample {
  pixels: Float32Array;
  inputSize: number;
  originalWidth: number;
  originalHeight: number;
}

export interface ObjectDetector {
  prepare(bytes: Buffer, limits: ImageLimits): Promise<DetectionSample>;
  /** Every candidate above a very low floor; callers filter by their own threshold. */
  adapter: TaskAdapter<DetectionSample, Detection[]>;
}

/** Candidates below this are dropped before NMS: they can only add noise. */
const SCORE_FLOOR = 0.01;

function iou(a: Detection['box'], b: Detection['box']): number {
  const x1 = Math.max(a[0], b[0]);
  const y1 = Math.max(a[1], b[1]);
  const x2 = Math.min(a[0] + a[2], b[0] + b[2]);
  const y2 = Math.min(a[1] + a[3], b[1] + b[3]);
  const inter = Math.max(0, x2 - x1) * Math.max(0, y2 - y1);
  const union = a[2] * a[3] + b[2] * b[3] - inter;
  return union > 0 ? inter / union : 0;
}

/** Greedy per-class non-maximum suppression. */
export function nonMaxSuppression(detections: Detection[], iouThreshold: number): Detection[] {
  const sorted = [...detections].sort((a, b) => b.score - a.score);
  const kept: Detection[] = [];
  for (const candidate of sorted) {
    if (kept.some((k) => k.classIndex === candidate.classIndex && iou(k.box, candidate.box) > iouThreshold)) continue;
    kept.push(candidate);
  }
  return kept;
}

/**
 * CenterNet (MobileNetV3, from @vladmandic/human): one [1,S,S,3] image of 0..255 pixels in, [1,100,6]
 * out with rows (x1, y1, x2, y2, score, class) in input pixels — decoded as human's centernet.ts does,
 * then scaled back to the original image.
 */
export function createObjectDetector(ctx: AdapterContext): ObjectDetector {
  const handle = ctx.handle as TensorModelHandle;
  if (handle.kind !== 'tensor') throw new Error(`model '${ctx.entry.id}': object detection needs a tensor model`);
  const recipe = imagePreprocessingOf(ctx.entry);
  if (!recipe?.resize) throw new Error(`model '${ctx.entry.id}' needs image preprocessing with a resize size`);
  const input = handle.inputs[0].name;
  const output = handle.outputs.find((o) => o.name.endsWith('detections'))?.name ?? handle.outputs[0].name;
  const labels = ctx.labels ?? [];
  return {
    async prepare(bytes, limits) {
      const prepared = await preprocessImage(bytes, recipe, limits);
      return { pixels: prepared.data, inputSize: prepared.width, originalWidth: prepared.originalWidth, originalHeight: prepared.originalHeight };
    },
    adapter: {
      // The graph takes a batch of one, so images run one after another inside the batch.
      async run(samples) {
        const results: Detection[][] = [];
        for (const sample of samples) {
          const size = sample.inputSize;
          const result = await handle.infer({ [input]: { dtype: 'float32', shape: [1, size, size, 3], data: sample.pixels } }, [output]);
          const rows = toFloat32(result[output].data);
          const sx = sample.originalWidth / size;
          const sy = sample.originalHeight / size;
          const detections: Detection[] = [];
          for (let i = 0; i + 5 < rows.length; i += 6) {
            const score = rows[i + 4];
            const classIndex = rows[i + 5];
            if (!(score >= SCORE_FLOOR) || !Number.isInteger(classIndex) || classIndex < 0) continue;
            const x1 = Math.max(0, rows[i] * sx);
            const y1 = Math.max(0, rows[i + 1] * sy);
            const x2 = Math.min(sample.originalWidth, rows[i + 2] * sx);
            const y2 = Math.min(sample.originalHeight, rows[i + 3] * sy);
            if (x2 <= x1 || y2 <= y1) continue;
            detections.push({ label: labels[classIndex] ?? String(classIndex), classIndex, score, box: [x1, y1, x2 - x1, y2 - y1] });
          }
          results.push(nonMaxSuppression(detections, 0.5));
        }
        return results;
      },
    },
  };
}
