import type { TrainingControl, TrainingProgress } from '@matrix/recommender-model';

/**
 * Where each training stage sits on the one progress bar of a run (from, to). Each trainer reports its own 0..1
 * (BPR by epoch, biased MF by model and epoch); without this map the bar went back to a few percent every time a
 * stage started. A skipped stage (EASE on a big catalogue, BPR when EASE ranks) leaves its span as a jump.
 */
export const TRAINING_STAGE_SPANS = {
  popularity: [0, 0.05],
  'item-knn': [0.05, 0.15],
  ease: [0.15, 0.35],
  bpr: [0.35, 0.65],
  'biased-mf': [0.65, 1],
} as const satisfies Record<string, readonly [number, number]>;

export type TrainingStage = keyof typeof TRAINING_STAGE_SPANS;

/** The overall fraction of a run at `fraction` of `stage`. */
export function overallFraction(stage: TrainingStage, fraction: number): number {
  const [from, to] = TRAINING_STAGE_SPANS[stage];
  return from + (to - from) * Math.max(0, Math.min(1, fraction));
}

/** The control handed to one stage's trainer: its progress reported as the whole run's. */
export function stageControl(control: TrainingControl | undefined, stage: TrainingStage): TrainingControl | undefined {
  if (!control?.onProgress) return control;
  const report = control.onProgress;
  return { signal: control.signal, onProgress: (p: TrainingProgress) => report({ ...p, fraction: overallFraction(stage, p.fraction) }) };
}
