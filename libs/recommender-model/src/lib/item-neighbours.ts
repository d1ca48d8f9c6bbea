/** Each item's nearest items by cosine similarity of their user sets, best first. */
export interface ItemNeighbours {
  /** neighbours[i] = [[item, similarity], ...] */
  neighbours: Array<Array<[number, number]>>;
}

/** A user's kNN scores: Σ over their items of the similarity to each neighbour. */
export function knnScores(model: ItemNeighbours, items: number, userItems: ArrayLike<number>): Float32Array {
  const out = new Float32Array(items);
  for (let a = 0; a < userItems.length; a++) for (const [j, s] of model.neighbours[userItems[a]] ?? []) out[j] += s;
  return out;
}
