import { createRng, shuffled } from '@matrix/evaluation-metrics';

export interface IndexSplit {
  train: number[];
  heldOut: number[];
}

/**
 * A seeded random split of row indices 0..n−1: `fraction` of them held out (for early stopping),
 * the rest for training; both sorted. The same (n, fraction, seed) always gives the same split.
 */
export function heldOutSplit(n: number, fraction: number, seed: number): IndexSplit {
  if (!(fraction > 0 && fraction < 1)) throw new Error(`held-out fraction must be in (0, 1), got ${fraction}`);
  const order = shuffled(
    Array.from({ length: n }, (_, i) => i),
    createRng(seed),
  );
  const size = Math.max(1, Math.round(n * fraction));
  return { heldOut: order.slice(0, size).sort((a, b) => a - b), train: order.slice(size).sort((a, b) => a - b) };
}

/** The rows of a row-major [n, dim] matrix at `indices`, as a new matrix. */
export function takeRows(matrix: Float32Array, dim: number, indices: readonly number[]): Float32Array {
  const out = new Float32Array(indices.length * dim);
  indices.forEach((row, i) => out.set(matrix.subarray(row * dim, (row + 1) * dim), i * dim));
  return out;
}

export interface SentenceHeldOutOptions {
  /** Share of rows (held out + dropped) to take away from training, roughly. */
  fraction: number;
  seed: number;
  /** Held-out seeds are phrases of at least this many words (sentence-like, as the dev set). */
  minWords?: number;
  /** Shorter sub-phrases ("good", "not good") are generic and stay in training. */
  minLeakWords?: number;
}

export interface SentenceSplit extends IndexSplit {
  /** Sub-phrases of held-out phrases: in neither set, so training never sees part of a held-out sentence. */
  dropped: number[];
}

const words = (text: string) => text.trim().split(/\s+/).filter(Boolean);
const key = (w: string[], i: number) => `${w[i]} ${w[i + 1]} ${w[i + 2]}`;

/**
 * A held-out split that does not leak through SST-2's phrase tree. SST-2 train holds every phrase
 * of each parse tree, so a random phrase split puts halves of a held-out sentence in training and
 * the held-out loss keeps falling long after the dev accuracy has peaked. Here whole sentence-like
 * phrases are held out, with every longer phrase containing them, and their sub-phrases of
 * `minLeakWords`+ words are dropped from training. Seeded and deterministic.
 */
export function sentenceHeldOutSplit(texts: readonly string[], options: SentenceHeldOutOptions): SentenceSplit {
  const minWords = options.minWords ?? 10;
  const minLeak = options.minLeakWords ?? 3;
  const tokens = texts.map(words);
  const normalised = tokens.map((w) => ` ${w.join(' ')} `);
  // Trigram → phrases whose FIRST trigram it is, and → phrases containing it anywhere: finds
  // sub- and super-phrases of a phrase without comparing all pairs.
  const byFirstTrigram = new Map<string, number[]>();
  const byAnyTrigram = new Map<string, number[]>();
  const push = (map: Map<string, number[]>, k: string, i: number) => {
    const list = map.get(k);
    if (!list) map.set(k, [i]);
    else if (list[list.length - 1] !== i) list.push(i);
  };
  tokens.forEach((w, i) => {
    if (w.length < minLeak) return;
    push(byFirstTrigram, key(w, 0), i);
    for (let start = 0; start + 2 < w.length; start++) push(byAnyTrigram, key(w, start), i);
  });
  /** Phrases (≥ minLeak words) contained in text i, and those containing it. */
  const related = (i: number): { sub: number[]; sup: number[] } => {
    const w = tokens[i];
    const sub: number[] = [];
    const sup: number[] = [];
    if (w.length < minLeak) return { sub, sup };
    for (let start = 0; start + 2 < w.length; start++) {
      for (const j of byFirstTrigram.get(key(w, start)) ?? []) if (j !== i && tokens[j].length < w.length && normalised[i].includes(normalised[j])) sub.push(j);
    }
    for (const j of byAnyTrigram.get(key(w, 0)) ?? []) if (j !== i && tokens[j].length >= w.length && normalised[j].includes(normalised[i])) sup.push(j);
    return { sub, sup };
  };
  const candidates = shuffled(
    tokens.map((w, i) => (w.length >= minWords ? i : -1)).filter((i) => i >= 0),
    createRng(options.seed),
  );
  const target = Math.round(texts.length * options.fraction);
  const held = new Set<number>();
  const dropped = new Set<number>();
  for (const seedRow of candidates) {
    if (held.size + dropped.size >= target) break;
    if (held.has(seedRow) || dropped.has(seedRow)) continue;
    // The seed, every longer phrase containing it (its sentence), and their sub-phrases.
    const group = [seedRow, ...related(seedRow).sup];
    for (const h of group) {
      dropped.delete(h);
      held.add(h);
    }
    for (const h of group) for (const j of related(h).sub) if (!held.has(j)) dropped.add(j);
  }
  const train: number[] = [];
  for (let i = 0; i < texts.length; i++) if (!held.has(i) && !dropped.has(i)) train.push(i);
  return { train, heldOut: [...held].sort((a, b) => a - b), dropped: [...dropped].sort((a, b) => a - b) };
}
