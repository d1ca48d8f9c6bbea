import { DetectedBox, detectionAveragePrecision, GroundTruthBox } from './detection-average-precision';

/*
 * Tiny hand-made detection example (two images, classes cat and dog).
 * cat ground truth: A = img1 [0,0,10,10], B = img1 [20,20,10,10], C = img2 [0,0,10,10].
 * cat detections by score:
 *   0.9  img1 on A exactly            → TP (IoU 1)
 *   0.85 img1 on A again              → FP (A already matched: each GT matched once)
 *   0.8  img1 [50,50,10,10]           → FP (no overlap)
 *   0.7  img1 [21,20,10,10] near B    → TP (IoU 90/110 = 0.818)
 *   0.6  img2 [5,0,10,10] near C      → FP (IoU ⅓ < 0.5)
 * cumulative: TP 1,1,1,2,2  FP 0,1,2,2,3  recall ⅓,⅓,⅓,⅔,⅔  precision 1,½,⅓,½,0.4
 * monotone precision (max from the right): 1, ½, ½, ½, 0.4
 * 101-point interpolation: r ≤ ⅓ (34 points, 0…0.33) → 1; ⅓ < r ≤ ⅔ (33 points, 0.34…0.66) → ½; r > ⅔ → 0.
 * AP(cat) = (34·1 + 33·½) / 101 = 50.5 / 101 = 0.5.
 * dog: one ground truth, no detections → AP 0. bird: detections only → ignored.
 * mean AP over classes present in the ground truth = (0.5 + 0) / 2 = 0.25.
 */
const groundTruth: GroundTruthBox[] = [
  { imageId: 1, classId: 'cat', bbox: [0, 0, 10, 10] },
  { imageId: 1, classId: 'cat', bbox: [20, 20, 10, 10] },
  { imageId: 2, classId: 'cat', bbox: [0, 0, 10, 10] },
  { imageId: 2, classId: 'dog', bbox: [30, 30, 10, 10] },
];
const detections: DetectedBox[] = [
  { imageId: 1, classId: 'cat', bbox: [50, 50, 10, 10], score: 0.8 },
  { imageId: 1, classId: 'cat', bbox: [0, 0, 10, 10], score: 0.9 },
  { imageId: 2, classId: 'cat', bbox: [5, 0, 10, 10], score: 0.6 },
  { imageId: 1, classId: 'cat', bbox: [21, 20, 10, 10], score: 0.7 },
  { imageId: 1, classId: 'cat', bbox: [0, 0, 10, 10], score: 0.85 },
  { imageId: 1, classId: 'bird', bbox: [0, 0, 5, 5], score: 0.99 },
];

describe('detectionAveragePrecision (COCO-style AP50)', () => {
  const result = detectionAveragePrecision(groundTruth, detections);

  it('reproduces the hand-worked per-class AP and the mean over ground-truth classes', () => {
    expect(result.perClass).toEqual([
      { classId: 'cat', ap: expect.closeTo(0.5, 12), groundTruths: 3, detections: 5 },
      { classId: 'dog', ap: 0, groundTruths: 1, detections: 0 },
    ]);
    expect(result.meanAp).toBeCloseTo(0.25, 12);
    expect(result.iouThreshold).toBe(0.5);
  });

  it('counts a detection with IoU ⅓ as a match when the threshold is lowered to 0.3', () => {
    // Now the 0.6 detection is a TP: recall reaches 1 at precision 0.6 (3 of 5) →
    // monotone precision 1, 0.6, 0.6, 0.6, 0.6 → (34·1 + 67·0.6) / 101.
    const cat = detectionAveragePrecision(groundTruth, detections, { iouThreshold: 0.3 }).perClass[0];
    expect(cat.ap).toBeCloseTo((34 + 67 * 0.6) / 101, 12);
  });

  it('is 1 for perfect detections and respects the per-image detection cap', () => {
    const perfect = groundTruth.map((g, i) => ({ ...g, score: 1 - i / 10 }));
    expect(detectionAveragePrecision(groundTruth, perfect).meanAp).toBe(1);
    // Cap 1 per image and class: only the 0.9 cat detection in image 1 survives → recall ⅓ at precision 1.
    const capped = detectionAveragePrecision(groundTruth, detections, { maxDetectionsPerImage: 1 }).perClass[0];
    expect(capped.ap).toBeCloseTo(34 / 101, 12);
  });

  it('matches a detection to the best-overlapping unmatched ground truth', () => {
    // G1 [0,0,10,10], G2 [3,0,10,10]. The first detection equals G2 but also overlaps G1 (IoU 7/13 ≥ 0.5);
    // taking G1 for it would leave the second detection (IoU 7/13 with G1, 0.25 with G2) unmatched.
    // Best-IoU matching gives det1 → G2, det2 → G1: both TP, AP 1.
    const gts: GroundTruthBox[] = [
      { imageId: 1, classId: 'x', bbox: [0, 0, 10, 10] },
      { imageId: 1, classId: 'x', bbox: [3, 0, 10, 10] },
    ];
    const dets: DetectedBox[] = [
      { imageId: 1, classId: 'x', bbox: [3, 0, 10, 10], score: 0.9 },
      { imageId: 1, classId: 'x', bbox: [-3, 0, 10, 10], score: 0.8 },
    ];
    expect(detectionAveragePrecision(gts, dets).meanAp).toBe(1);
  });

  it('rejects empty ground truth, bad boxes, scores and thresholds', () => {
    expect(() => detectionAveragePrecision([], detections)).toThrow(/no ground-truth boxes/);
    expect(() => detectionAveragePrecision([{ imageId: 1, classId: 'x', bbox: [0, 0, -1, 1] }], [])).toThrow(/groundTruth\[0\]\.bbox/);
    expect(() => detectionAveragePrecision(groundTruth, [{ ...detections[0], score: NaN }])).toThrow(/score/);
    expect(() => detectionAveragePrecision(groundTruth, detections, { iouThreshold: 0 })).toThrow(/iouThreshold/);
  });
});
