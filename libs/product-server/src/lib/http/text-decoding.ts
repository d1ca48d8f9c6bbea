import { TextDecoder } from 'node:util';
import { type BytePosition, firstInvalidUtf8 } from './invalid-utf8';

/** A body whose bytes do not decode: not UTF-8 (with where), or a declared charset this runtime does not know. */
export class TextEncodingError extends Error {
  constructor(
    message: string,
    readonly reason: 'invalid_utf8' | 'unsupported_charset',
    readonly position?: BytePosition,
  ) {
    super(message);
    this.name = 'TextEncodingError';
  }
}

/** The `charset` parameter of a Content-Type header, lower case, or undefined. */
export function declaredCharset(contentType: string | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return match ? match[1].toLowerCase() : undefined;
}

const UTF8_LABELS = new Set(['utf-8', 'utf8', 'unicode-1-1-utf-8']);

/**
 * Decodes a text body the one way every product API does: UTF-8, strictly (an invalid byte is an
 * error saying where, never a silent U+FFFD), a leading BOM dropped; a UTF-16 BOM (what Excel's
 * "Unicode text" writes) decodes as UTF-16; a charset declared in the Content-Type (e.g.
 * `text/csv; charset=iso-8859-1`) is honoured. `subject` names the body in the message ("the file").
 */
export function decodeText(bytes: Uint8Array, contentType?: string, subject = 'the body'): string {
  const charset = declaredCharset(contentType);
  if (charset && !UTF8_LABELS.has(charset)) {
    let decoder: TextDecoder;
    try {
      decoder = new TextDecoder(charset, { fatal: true });
    } catch {
      throw new TextEncodingError(`the declared charset '${charset}' is not one this API can decode`, 'unsupported_charset');
    }
    try {
      return decoder.decode(bytes);
    } catch {
      throw new TextEncodingError(`${subject} is not valid ${charset}`, 'invalid_utf8');
    }
  }
  if (!charset && bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(bytes);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const position = firstInvalidUtf8(bytes);
    const where = position ? ` (first invalid byte at line ${position.line}, byte offset ${position.byte})` : '';
    throw new TextEncodingError(`${subject} is not valid UTF-8${where}`, 'invalid_utf8', position);
  }
}
