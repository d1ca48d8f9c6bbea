/**
 * Hashed word and character n-gram features ("the hashing trick", as scikit-learn's
 * HashingVectorizer): a text becomes a fixed-width vector with no vocabulary to ship. Training (in a
 * product) and serving (in the gateway) call this same function, so a linear or MLP head trained on
 * it is served without any drift between the two sides.
 */
export interface HashedNgramSpec {
  type: 'hashed-ngrams';
  /** Vector width (buckets). */
  dimensions: number;
  /** Inclusive range of word n-gram lengths, e.g. [1, 2]; [0, 0] for none. */
  wordNgrams: [number, number];
  /** Inclusive range of character n-gram lengths inside word boundaries, e.g. [3, 5]; [0, 0] for none. */
  charNgrams: [number, number];
}

const WORD = /[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu;
const MAX_DIMENSIONS = 1 << 20;

function range(value: unknown, name: string): [number, number] {
  if (!Array.isArray(value) || value.length !== 2 || !value.every((v) => Number.isInteger(v) && v >= 0 && v <= 10) || value[0] > value[1]) {
    throw new Error(`hashed-ngrams ${name} must be [min, max] with 0 ≤ min ≤ max ≤ 10, got ${JSON.stringify(value)}`);
  }
  return [value[0], value[1]];
}

/** Checks an untrusted spec (e.g. a model manifest's `preprocessing.features`) and returns it typed. */
export function parseHashedNgramSpec(value: unknown): HashedNgramSpec {
  const v = value as Partial<HashedNgramSpec> | undefined;
  if (!v || typeof v !== 'object' || v.type !== 'hashed-ngrams') throw new Error(`features.type must be 'hashed-ngrams', got ${JSON.stringify(v?.type)}`);
  if (!Number.isInteger(v.dimensions) || (v.dimensions as number) < 1 || (v.dimensions as number) > MAX_DIMENSIONS) {
    throw new Error(`hashed-ngrams dimensions must be an integer in 1…${MAX_DIMENSIONS}, got ${JSON.stringify(v.dimensions)}`);
  }
  return {
    type: 'hashed-ngrams',
    dimensions: v.dimensions as number,
    wordNgrams: range(v.wordNgrams, 'wordNgrams'),
    charNgrams: range(v.charNgrams, 'charNgrams'),
  };
}

/** 32-bit FNV-1a over UTF-16 code units: fast, stable across platforms and Node versions. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Lower-cased words (letters and digits, with an inner apostrophe: "can't", "card's"). */
export function ngramWords(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

/** The non-zero entries of a text's hashed n-gram vector, buckets ascending. */
export interface SparseFeatures {
  indices: Int32Array;
  values: Float32Array;
}

/**
 * The features of one text as sparse entries: counts of word n-grams (prefixed `w:`) and of character
 * n-grams of each space-padded word (`c:`), hashed into `dimensions` buckets, damped as 1 + ln(count)
 * and L2-normalised (a text without words has none). Heads with many buckets read these (ids and
 * values) instead of the dense vector.
 */
export function hashedNgramSparse(text: string, spec: HashedNgramSpec): SparseFeatures {
  const counts = new Map<number, number>();
  const add = (gram: string) => {
    const bucket = fnv1a(gram) % spec.dimensions;
    counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
  };
  const words = ngramWords(text);
  const [wMin, wMax] = spec.wordNgrams;
  if (wMax > 0) {
    for (let n = Math.max(1, wMin); n <= wMax; n++) for (let i = 0; i + n <= words.length; i++) add(`w:${words.slice(i, i + n).join(' ')}`);
  }
  const [cMin, cMax] = spec.charNgrams;
  if (cMax > 0) {
    for (const word of words) {
      const padded = ` ${word} `;
      for (let n = Math.max(1, cMin); n <= cMax; n++) for (let i = 0; i + n <= padded.length; i++) add(`c:${padded.slice(i, i + n)}`);
    }
  }
  const indices = Int32Array.from(counts.keys()).sort();
  const values = Float32Array.from(indices, (bucket) => 1 + Math.log(counts.get(bucket) ?? 1));
  const norm = Math.sqrt(values.reduce((sum, v) => sum + v * v, 0));
  if (norm > 0) for (let i = 0; i < values.length; i++) values[i] /= norm;
  return { indices, values };
}

/** The dense feature vector of one text (see hashedNgramSparse): `dimensions` wide, zero where no n-gram fell. */
export function hashedNgramFeatures(text: string, spec: HashedNgramSpec): Float32Array {
  const { indices, values } = hashedNgramSparse(text, spec);
  const vector = new Float32Array(spec.dimensions);
  indices.forEach((bucket, i) => (vector[bucket] = values[i]));
  return vector;
}
