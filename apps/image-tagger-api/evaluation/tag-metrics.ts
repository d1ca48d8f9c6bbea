/** Micro-averaged precision and recall of predicted tag sets against true tag sets, one pair per image. */
export function tagPrecisionRecall(
  truth: ReadonlyArray<ReadonlySet<string>>,
  predicted: ReadonlyArray<ReadonlySet<string>>,
): { precision: number; recall: number; f1: number } {
  if (truth.length !== predicted.length) throw new Error(`tagPrecisionRecall: ${truth.length} truths but ${predicted.length} predictions`);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  truth.forEach((labels, i) => {
    for (const tag of predicted[i]) {
      if (labels.has(tag)) tp++;
      else fp++;
    }
    for (const tag of labels) if (!predicted[i].has(tag)) fn++;
  });
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

/** Top-1 and top-5 hit rates: is the true class first / among the first five predictions? */
export function topKRates(truth: number[], predictions: number[][]): { top1: number; top5: number } {
  const hits = (k: number) => truth.filter((t, i) => predictions[i].slice(0, k).includes(t)).length / truth.length;
  return { top1: hits(1), top5: hits(5) };
}
