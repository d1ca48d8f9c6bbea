/** Fraction of predictions equal to the reference label. */
export function accuracy<T>(yTrue: readonly T[], yPred: readonly T[]): number {
  if (yTrue.length !== yPred.length) throw new Error(`accuracy: ${yTrue.length} labels but ${yPred.length} predictions`);
  if (yTrue.length === 0) throw new Error('accuracy: no samples');
  let hits = 0;
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === yPred[i]) hits++;
  return hits / yTrue.length;
}
