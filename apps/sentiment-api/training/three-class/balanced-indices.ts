/**
 * Training row indices with every class as frequent as the most frequent one: each class's rows
 * repeated whole, then a seeded-free deterministic remainder (its first rows). Training on it weighs
 * the classes equally, which is what macro-recall (TweetEval's metric) and macro-F1 reward; SST-5's
 * neutral is under a fifth of its sentences, so a plain argmax rarely says neutral.
 */
export function balancedIndices(indices: readonly number[], labels: ArrayLike<number>): number[] {
  const byClass = new Map<number, number[]>();
  for (const i of indices) byClass.set(labels[i], [...(byClass.get(labels[i]) ?? []), i]);
  const target = Math.max(...[...byClass.values()].map((rows) => rows.length));
  const out: number[] = [];
  for (const rows of byClass.values()) {
    for (let k = 0; k < target; k++) out.push(rows[k % rows.length]);
  }
  return out.sort((a, b) => a - b);
}
