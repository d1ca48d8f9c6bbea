import { assertBox, BoxXywh, iou } from './detection-iou';

export interface GroundTruthBox {
  imageId: string | number;
  classId: string | number;
  bbox: BoxXywh;
}

export interface DetectedBox extends GroundTruthBox {
  score: number;
}

export interface ClassAveragePrecision {
  classId: string | number;
  ap: number;
  groundTruths: number;
  detections: number;
}

export interface DetectionAveragePrecision {
  /** Classes that have ground truth, in first-seen order. */
  perClass: ClassAveragePrecision[];
  /** Mean AP over the classes present in the ground truth (COCO ignores classes without any). */
  meanAp: number;
  iouThreshold: number;
}

export interface DetectionApOptions {
  /** Default 0.5 (AP50 / "mAP@0.5"). */
  iouThreshold?: number;
  /** Highest-scoring detections kept per image and class; COCO's default maxDets is 100. */
  maxDetectionsPerImage?: number;
}

/** COCO's recall points: numpy.linspace(0, 1, 101), computed the same way (i × 0.01). */
const RECALL_THRESHOLDS = Array.from({ length: 101 }, (_, i) => i * 0.01);

/**
 * COCO-style average precision at one IoU threshold (pycocotools COCOeval, bbox, area "all",
 * no crowd boxes):
 *  - per image and class, detections are taken by descending score (top maxDets); each is
 *    matched to the not-yet-matched ground truth with the highest IoU ≥ threshold, else it is
 *    a false positive — so each ground truth is matched at most once;
 *  - over all images, detections are sorted by score (stable), cumulative TP/FP give
 *    precision/recall; precision is made monotonically non-increasing from the right;
 *  - AP = mean over 101 recall points r ∈ {0, 0.01, …, 1} of the precision at the first
 *    point whose recall ≥ r (0 where recall never reaches r).
 * A class with ground truth but no detections has AP 0; detections of classes absent from the
 * ground truth are ignored (COCO marks them −1 and leaves them out of the mean).
 */
export function detectionAveragePrecision(
  groundTruth: readonly GroundTruthBox[],
  detections: readonly DetectedBox[],
  options: DetectionApOptions = {},
): DetectionAveragePrecision {
  const iouThreshold = options.iouThreshold ?? 0.5;
  const maxDets = options.maxDetectionsPerImage ?? 100;
  if (!(iouThreshold > 0 && iouThreshold <= 1)) throw new Error(`detectionAveragePrecision: iouThreshold must be in (0, 1], got ${iouThreshold}`);
  if (!Number.isInteger(maxDets) || maxDets < 1) throw new Error(`detectionAveragePrecision: maxDetectionsPerImage must be a positive integer, got ${maxDets}`);
  if (groundTruth.length === 0) throw new Error('detectionAveragePrecision: no ground-truth boxes, AP is undefined');
  groundTruth.forEach((g, i) => assertBox('detectionAveragePrecision', g.bbox, `groundTruth[${i}].bbox`));
  detections.forEach((d, i) => {
    assertBox('detectionAveragePrecision', d.bbox, `detections[${i}].bbox`);
    if (!Number.isFinite(d.score)) throw new Error(`detectionAveragePrecision: detections[${i}].score is not a finite number`);
  });

  const classIds = [...new Set(groundTruth.map((g) => g.classId))];
  const perClass = classIds.map((classId) => {
    const gts = groundTruth.filter((g) => g.classId === classId);
    const dets = detections.filter((d) => d.classId === classId);
    return {
      classId,
      ap: classAp(gts, dets, iouThreshold, maxDets),
      groundTruths: gts.length,
      detections: dets.length,
    };
  });
  return { perClass, meanAp: perClass.reduce((s, c) => s + c.ap, 0) / perClass.length, iouThreshold };
}

/** Sort indices by descending score, keeping input order among ties (numpy mergesort). */
function byDescendingScore<T extends { score: number }>(items: readonly T[]): T[] {
  return items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => b.item.score - a.item.score || a.i - b.i)
    .map(({ item }) => item);
}

function classAp(gts: readonly GroundTruthBox[], dets: readonly DetectedBox[], threshold: number, maxDets: number): number {
  const imageIds = [...new Set([...gts.map((g) => g.imageId), ...dets.map((d) => d.imageId)])];
  const scored: { score: number; truePositive: boolean }[] = [];
  for (const imageId of imageIds) {
    const imageGts = gts.filter((g) => g.imageId === imageId);
    const matched = new Array<boolean>(imageGts.length).fill(false);
    const imageDets = byDescendingScore(dets.filter((d) => d.imageId === imageId)).slice(0, maxDets);
    for (const det of imageDets) {
      // pycocotools starts from min(t, 1 − 1e-10) and keeps the best IoU that is not below it.
      let best = Math.min(threshold, 1 - 1e-10);
      let match = -1;
      imageGts.forEach((gt, g) => {
        if (matched[g]) return;
        const overlap = iou(det.bbox, gt.bbox);
        if (overlap < best) return;
        best = overlap;
        match = g;
      });
      if (match >= 0) matched[match] = true;
      scored.push({ score: det.score, truePositive: match >= 0 });
    }
  }

  const ordered = byDescendingScore(scored);
  const precision: number[] = [];
  const recall: number[] = [];
  let tp = 0;
  let fp = 0;
  for (const d of ordered) {
    if (d.truePositive) tp++;
    else fp++;
    precision.push(tp / (tp + fp));
    recall.push(tp / gts.length);
  }
  for (let i = precision.length - 1; i > 0; i--) if (precision[i] > precision[i - 1]) precision[i - 1] = precision[i];

  let sum = 0;
  for (const r of RECALL_THRESHOLDS) {
    const index = recall.findIndex((value) => value >= r); // numpy searchsorted(side='left') on a sorted array
    if (index >= 0) sum += precision[index];
  }
  return sum / RECALL_THRESHOLDS.length;
}
