/** A float32 vector as the bytes a Prisma `Bytes` column stores (little-endian, as every platform Node runs on). */
export function vectorToBytes(vector: ArrayLike<number>): Uint8Array<ArrayBuffer> {
  const floats = Float32Array.from(vector);
  return new Uint8Array(floats.buffer);
}

/** Back from stored bytes (copied: a pooled Buffer may sit at an unaligned offset). */
export function bytesToVector(bytes: Uint8Array): Float32Array {
  if (bytes.byteLength % 4 !== 0) throw new Error(`a stored embedding has ${bytes.byteLength} bytes, not a multiple of 4`);
  const out = new Float32Array(bytes.byteLength / 4);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}
