import { assertClassIndices, assertPositiveInteger, assertSameLength, assertNonEmpty, assertFiniteNumbers } from './validation';

/**
 * Fraction of samples whose true class is among the k highest scores — sklearn's
 * top_k_accuracy_score. Ties are broken as sklearn does (stable argsort reversed), i.e. among
 * equal scores the higher class index ranks first. Scores need not be probabilities.
 */
export function topKAccuracy(yTrue: readonly number[], scores: readonly (readonly number[])[], k: number): number {
  assertSameLength('topKAccuracy', yTrue, scores, 'labels/score rows');
  assertNonEmpty('topKAccuracy', yTrue);
  assertPositiveInteger('topKAccuracy', k, 'k');
  const classes = scores[0].length;
  scores.forEach((row, i) => {
    if (row.length !== classes) throw new Error(`topKAccuracy: score row ${i} has ${row.length} columns, expected ${classes}`);
    assertFiniteNumbers('topKAccuracy', row, `scores[${i}]`);
  });
  assertClassIndices('topKAccuracy', yTrue, classes);
  let hits = 0;
  yTrue.forEach((label, i) => {
    const row = scores[i];
    const own = row[label];
    // Classes ranked ahead of the true class: strictly higher score, or equal score and higher index.
    let ahead = 0;
    for (let c = 0; c < row.length; c++) if (row[c] > own || (row[c] === own && c > label)) ahead++;
    if (ahead < k) hits++;
  });
  return hits / yTrue.length;
}
