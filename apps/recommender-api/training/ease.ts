import { inverseOfRegularisedGram } from './regularised-gram-inverse';
import { invertSymmetricPositiveDefinite } from './symmetric-inverse';

export const DEFAULT_EASE_L2 = 500;

/**
 * EASE (Steck 2019, "Embarrassingly Shallow Autoencoders"): the item-item weight matrix B that
 * minimises ‖X − XB‖² + λ‖B‖² with diag(B) = 0, in closed form: P = (XᵀX + λI)⁻¹,
 * B_ij = −P_ij / P_jj. A user's scores are x_u B (their interaction row times B): new
 * interactions count at once, without retraining. Returns B row-major as float32.
 * With `seen` (each user's items: the X behind `gram`) and fewer users than items, P is computed
 * through the smaller users × users inverse (inverseOfRegularisedGram); otherwise from `gram`.
 */
export function trainEase(gram: Float64Array, items: number, l2 = DEFAULT_EASE_L2, seen?: readonly Int32Array[]): Float32Array {
  let p: Float64Array;
  if (seen && seen.length < items) p = inverseOfRegularisedGram(seen, items, l2);
  else {
    const g = Float64Array.from(gram);
    for (let i = 0; i < items; i++) g[i * items + i] += l2;
    p = invertSymmetricPositiveDefinite(g, items);
  }
  const b = new Float32Array(items * items);
  for (let i = 0; i < items; i++) {
    for (let j = 0; j < items; j++) if (i !== j) b[i * items + j] = -p[i * items + j] / p[j * items + j];
  }
  return b;
}
