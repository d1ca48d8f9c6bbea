/** Where the first byte that breaks UTF-8 sits: its 0-based offset and 1-based line. */
export interface BytePosition {
  byte: number;
  line: number;
}

/**
 * The position of the first byte that is not valid UTF-8 (a stray continuation byte, a sequence cut
 * short, an overlong form, a surrogate or a code point above U+10FFFF), or undefined when every
 * byte is valid — so an error can say where to look instead of only "not UTF-8".
 */
export function firstInvalidUtf8(bytes: Uint8Array): BytePosition | undefined {
  let line = 1;
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i];
    if (lead < 0x80) {
      if (lead === 0x0a) line++;
      i++;
      continue;
    }
    const length = sequenceLength(bytes, i);
    if (length === 0) return { byte: i, line };
    i += length;
  }
  return undefined;
}

/** The byte length of the valid multi-byte sequence at `i`, 0 when it is invalid. */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const lead = bytes[i];
  // The second byte's range depends on the lead (no overlong forms, no surrogates, nothing above U+10FFFF).
  const [length, low, high] =
    lead >= 0xc2 && lead <= 0xdf
      ? [2, 0x80, 0xbf]
      : lead === 0xe0
        ? [3, 0xa0, 0xbf]
        : lead === 0xed
          ? [3, 0x80, 0x9f]
          : lead >= 0xe1 && lead <= 0xef
            ? [3, 0x80, 0xbf]
            : lead === 0xf0
              ? [4, 0x90, 0xbf]
              : lead === 0xf4
                ? [4, 0x80, 0x8f]
                : lead >= 0xf1 && lead <= 0xf3
                  ? [4, 0x80, 0xbf]
                  : [0, 0, 0];
  if (length === 0 || i + length > bytes.length) return 0;
  if (bytes[i + 1] < low || bytes[i + 1] > high) return 0;
  for (let k = 2; k < length; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return 0;
  return length;
}
