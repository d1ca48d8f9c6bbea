import type { TensorModelHandle } from '@matrix/model-loading';
import { AdapterContext, rowsOf, TaskAdapter, toFloat32 } from './task-adapter';

/** One ranking request: a query vector (a user's factors, or their interaction row) and what to leave out. */
export interface RankingSample {
  vector: Float32Array;
  /** Item indices never to return (seen items, filtered-out items). */
  exclude: ReadonlySet<number>;
  k: number;
}

export interface RankedItem {
  index: number;
  score: number;
}

export interface ItemRanker {
  /** Width of the query vector the model takes. */
  dimensions: number;
  /** Number of items it scores (the model's output width). */
  items: number;
  adapter: TaskAdapter<RankingSample, RankedItem[]>;
}

/**
 * The k highest scores outside `exclude`, best first (ties: lower index first). One pass with a
 * small sorted buffer: O(n log k) rather than sorting every item.
 */
export function topKExcluding(scores: ArrayLike<number>, k: number, exclude: ReadonlySet<number>): RankedItem[] {
  const best: RankedItem[] = [];
  for (let index = 0; index < scores.length; index++) {
    const score = scores[index];
    if (exclude.has(index) || Number.isNaN(score)) continue;
    if (best.length === k && score <= best[k - 1].score) continue;
    let at = best.length;
    while (at > 0 && best[at - 1].score < score) at--;
    best.splice(at, 0, { index, score });
    if (best.length > k) best.pop();
  }
  return best;
}

/**
 * Item ranking by factor (embedding) scoring: a tfjs-layers model maps [n, d] query vectors to
 * [n, items] scores — a Dense layer whose kernel is the item matrix (MF/BPR item factors with the
 * item bias as the Dense bias, or EASE's item-item weights). Requests are batched into one matmul;
 * exclusions and top-k run here, so products receive k indices instead of every item's score.
 */
export function createItemRanker(ctx: AdapterContext): ItemRanker {
  if (ctx.handle.kind !== 'tensor') throw new Error(`model '${ctx.entry.id}': item-ranking needs a tensor model (tfjs-layers, ONNX), not a pipeline`);
  const handle: TensorModelHandle = ctx.handle;
  const input = handle.inputs[0];
  const output = handle.outputs[0];
  const dimensions = input?.shape?.[input.shape.length - 1];
  const items = output?.shape?.[output.shape.length - 1];
  if (!input || typeof dimensions !== 'number' || dimensions <= 0 || typeof items !== 'number' || items <= 0) {
    throw new Error(`model '${ctx.entry.id}': item-ranking needs one input [n, d] and one output [n, items] with known d and items`);
  }
  return {
    dimensions,
    items,
    adapter: {
      async run(samples) {
        const data = new Float32Array(dimensions * samples.length);
        samples.forEach((s, i) => data.set(s.vector, i * dimensions));
        const result = await handle.infer({ [input.name]: { dtype: 'float32', shape: [samples.length, dimensions], data } });
        const tensor = result[output.name] ?? Object.values(result)[0];
        return rowsOf(toFloat32(tensor.data), samples.length).map((row, i) => topKExcluding(row, samples[i].k, samples[i].exclude));
      },
    },
  };
}
