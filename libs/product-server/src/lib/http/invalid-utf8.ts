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

/**
 * Well-formed multi-byte sequences (Unicode table 3-7): leads from..to, the sequence length, and
 * the range of the second byte (which rules out overlong forms, surrogates and code points above
 * U+10FFFF); the later bytes are 0x80..0xBF.
 */
const SEQUENCES: ReadonlyArray<{ leads: [number, number]; length: number; second: [number, number] }> = [
  { leads: [0xc2, 0xdf], length: 2, second: [0x80, 0xbf] },
  { leads: [0xe0, 0xe0], length: 3, second: [0xa0, 0xbf] },
  { leads: [0xe1, 0xec], length: 3, second: [0x80, 0xbf] },
  { leads: [0xed, 0xed], length: 3, second: [0x80, 0x9f] },
  { leads: [0xee, 0xef], length: 3, second: [0x80, 0xbf] },
  { leads: [0xf0, 0xf0], length: 4, second: [0x90, 0xbf] },
  { leads: [0xf1, 0xf3], length: 4, second: [0x80, 0xbf] },
  { leads: [0xf4, 0xf4], length: 4, second: [0x80, 0x8f] },
];

/** The byte length of the valid multi-byte sequence at `i`, 0 when it is invalid. */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const lead = bytes[i];
  const sequence = SEQUENCES.find(({ leads }) => lead >= leads[0] && lead <= leads[1]);
  if (!sequence || i + sequence.length > bytes.length) return 0;
  if (bytes[i + 1] < sequence.second[0] || bytes[i + 1] > sequence.second[1]) return 0;
  for (let k = 2; k < sequence.length; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return 0;
  return sequence.length;
}
