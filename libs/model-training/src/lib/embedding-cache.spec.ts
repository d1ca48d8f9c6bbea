import { mkdtempSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { embeddingCacheKey, readEmbeddingCache, textsChecksum, writeEmbeddingCache } from './embedding-cache';

describe('embedding cache key', () => {
  const base = { model: 'use-lite-en', version: '1', texts: ['a fine film', 'dull'] };

  it('is the model, version and SHA-256 of the texts', () => {
    // sha256 of the UTF-8 bytes of '["a fine film","dull"]', computed with `printf '%s' '["a fine film","dull"]' | sha256sum`.
    expect(textsChecksum(base.texts)).toBe('4b28edfd08f019185d7c93ed778584b8121c72e950ac4919631d9ae1cda7f35e');
    expect(embeddingCacheKey(base)).toBe(`use-lite-en@1-${textsChecksum(base.texts)}`);
  });

  it('changes when the data, its order, the model or its version changes', () => {
    const key = embeddingCacheKey(base);
    expect(embeddingCacheKey({ ...base, texts: ['a fine film', 'dull!'] })).not.toBe(key);
    expect(embeddingCacheKey({ ...base, texts: ['dull', 'a fine film'] })).not.toBe(key);
    // Joining the texts with a space would make these two collide.
    expect(textsChecksum(['a', 'b'])).not.toBe(textsChecksum(['a b']));
    expect(embeddingCacheKey({ ...base, model: 'use-en' })).not.toBe(key);
    expect(embeddingCacheKey({ ...base, version: '2' })).not.toBe(key);
    expect(embeddingCacheKey({ ...base })).toBe(key);
  });

  it('is a safe file name whatever the model id', () => {
    expect(embeddingCacheKey({ model: 'org/model:v', version: '1/2', texts: [] })).toMatch(/^org_model_v@1_2-[0-9a-f]{64}$/);
  });
});

describe('embedding cache files', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'emb-cache-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const identity = { model: 'use-lite-en', version: '1', texts: ['good', 'bad', 'meh'] };
  const matrix = Float32Array.from([0.5, -0.25, 1e-7, 3.75, -1, 0]); // 3 × 2

  it('round-trips a matrix exactly, with its metadata', () => {
    writeEmbeddingCache(dir, identity, matrix, 2, 12.5);
    const hit = readEmbeddingCache(dir, identity);
    expect(hit && Array.from(hit.matrix)).toEqual(Array.from(matrix));
    expect(hit?.meta).toMatchObject({ model: 'use-lite-en', version: '1', count: 3, dimensions: 2, seconds: 12.5, textsSha256: textsChecksum(identity.texts) });
  });

  it('misses for other texts or another model version', () => {
    writeEmbeddingCache(dir, identity, matrix, 2);
    expect(readEmbeddingCache(dir, { ...identity, texts: ['good', 'bad', 'meh!'] })).toBeUndefined();
    expect(readEmbeddingCache(dir, { ...identity, version: '2' })).toBeUndefined();
  });

  it('treats a truncated data file as a miss, never returns it', () => {
    writeEmbeddingCache(dir, identity, matrix, 2);
    truncateSync(join(dir, `${embeddingCacheKey(identity)}.f32`), 8);
    expect(readEmbeddingCache(dir, identity)).toBeUndefined();
  });

  it('refuses a matrix whose size does not match the texts', () => {
    expect(() => writeEmbeddingCache(dir, identity, new Float32Array(5), 2)).toThrow('embedding matrix has 5 values, expected 3 × 2');
  });
});
