/** The power of two a buffer of `bytes` is kept under, so a slightly shorter batch reuses it. */
export function sizeClass(bytes: number): number {
  return 2 ** Math.ceil(Math.log2(Math.max(1, bytes)));
}

/** Buffers kept for reuse, up to `keepPerClass` per power-of-two size class (old values, not zeros). */
export class SparePool<B extends ArrayBufferLike> {
  private readonly spare = new Map<number, B[]>();
  constructor(
    private readonly create: (bytes: number) => B,
    private readonly keepPerClass = 4,
  ) {}

  /** A spare buffer of the size class of `bytes`, or a new one. */
  take(bytes: number): B {
    const size = sizeClass(bytes);
    return this.spare.get(size)?.pop() ?? this.create(size);
  }

  /** Keeps `buffer` for a later `take` (a buffer that is not a whole size class is left to the GC). */
  give(buffer: B): void {
    if (buffer.byteLength !== sizeClass(buffer.byteLength)) return;
    const list = this.spare.get(buffer.byteLength) ?? [];
    if (list.length < this.keepPerClass && !list.includes(buffer)) list.push(buffer);
    this.spare.set(buffer.byteLength, list);
  }
}
