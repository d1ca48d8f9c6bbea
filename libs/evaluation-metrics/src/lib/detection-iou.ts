/** A box as COCO stores it: [x, y, width, height], (x, y) the top-left corner. */
export type BoxXywh = readonly [number, number, number, number];

export function assertBox(metric: string, box: BoxXywh, what: string): void {
  if (box.length !== 4 || box.some((v) => !Number.isFinite(v)) || box[2] < 0 || box[3] < 0) {
    throw new Error(`${metric}: ${what} is not a [x, y, w, h] box with non-negative size: ${JSON.stringify(box)}`);
  }
}

/**
 * Intersection over union of two [x, y, w, h] boxes. Areas are w·h with no "+1" pixel
 * convention, as pycocotools' maskUtils.iou for boxes. Two empty boxes give 0.
 */
export function iou(a: BoxXywh, b: BoxXywh): number {
  assertBox('iou', a, 'first box');
  assertBox('iou', b, 'second box');
  const width = Math.min(a[0] + a[2], b[0] + b[2]) - Math.max(a[0], b[0]);
  const height = Math.min(a[1] + a[3], b[1] + b[3]) - Math.max(a[1], b[1]);
  if (width <= 0 || height <= 0) return 0;
  const intersection = width * height;
  const union = a[2] * a[3] + b[2] * b[3] - intersection;
  return union <= 0 ? 0 : intersection / union;
}
