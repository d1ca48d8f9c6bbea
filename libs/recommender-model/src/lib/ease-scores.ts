/** x_u B for a user's item list (binary row): the sum of the rows of EASE's item-item weights B of those items. */
export function easeScores(weights: Float32Array, items: number, userItems: ArrayLike<number>): Float32Array {
  const out = new Float32Array(items);
  for (let a = 0; a < userItems.length; a++) {
    const row = userItems[a] * items;
    for (let j = 0; j < items; j++) out[j] += weights[row + j];
  }
  return out;
}
