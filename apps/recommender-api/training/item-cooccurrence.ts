/**
 * Item-item co-occurrence Gram matrix G = XᵀX of the binary user × item matrix (float64,
 * row-major items × items): G[i][i] is item i's user count, G[i][j] the users who have both.
 * The shared first step of EASE and item-item cosine kNN.
 */
export function itemGram(seen: readonly Int32Array[], items: number): Float64Array {
  const gram = new Float64Array(items * items);
  for (const list of seen) {
    for (let a = 0; a < list.length; a++) {
      const row = list[a] * items;
      for (let b = 0; b < list.length; b++) gram[row + list[b]] += 1;
    }
  }
  return gram;
}
