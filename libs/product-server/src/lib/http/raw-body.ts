import type { FastifyInstance } from 'fastify';
import { ApiError } from '../errors/api-error';
import { decodeText, TextEncodingError } from './text-decoding';

export interface RawBodyType {
  /** Media type, lower case, e.g. `text/csv`. */
  contentType: string;
  /** Larger bodies are refused with 413 (read to the end first, so the client gets the answer). */
  limitBytes: number;
}

/** CSV uploads: the whole file as the request body (no multipart), up to 5 MiB. */
export const CSV_BODY: RawBodyType = { contentType: 'text/csv', limitBytes: 5 * 1024 * 1024 };

/**
 * Registers body parsers that hand the body to the handler as one string, each with its own size
 * limit, e.g. `text/csv` uploads that exceed the JSON limit. The bytes are decoded by `decodeText`
 * (strict UTF-8, BOM dropped, a declared charset honoured): a file that is not UTF-8 is a 415 that
 * says where and how to fix it, never a garbled string.
 */
export function registerRawBodyParsers(fastify: FastifyInstance, types: RawBodyType[]): void {
  for (const type of types) {
    fastify.addContentTypeParser(type.contentType, { parseAs: 'buffer', bodyLimit: type.limitBytes }, (request, body, done) => {
      try {
        done(null, decodeText(body as Buffer, request.headers['content-type'], 'the file'));
      } catch (error) {
        done(error instanceof TextEncodingError ? unreadableText(error, type.contentType) : (error as Error), undefined);
      }
    });
  }
}

function unreadableText(error: TextEncodingError, contentType: string): ApiError {
  const fix =
    error.reason === 'unsupported_charset'
      ? 'declare utf-8, iso-8859-1, windows-1252 or another WHATWG encoding label, or re-save the file as UTF-8'
      : `re-save it as UTF-8, or declare its encoding (e.g. Content-Type: ${contentType}; charset=iso-8859-1)`;
  return new ApiError(415, error.reason === 'unsupported_charset' ? 'unsupported_charset' : 'not_utf8', `${error.message}: ${fix}`, error.position);
}
