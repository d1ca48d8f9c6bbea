import type { FastifyInstance } from 'fastify';

export interface RawBodyType {
  /** Media type, lower case, e.g. `text/csv`. */
  contentType: string;
  /** Larger bodies are refused with 413 before they are read in full. */
  limitBytes: number;
}

/** CSV uploads: the whole file as the request body (no multipart), up to 5 MiB. */
export const CSV_BODY: RawBodyType = { contentType: 'text/csv', limitBytes: 5 * 1024 * 1024 };

/**
 * Registers body parsers that hand the body to the handler as one UTF-8 string (a leading BOM
 * removed), each with its own size limit, e.g. `text/csv` uploads that exceed the JSON limit.
 */
export function registerRawBodyParsers(fastify: FastifyInstance, types: RawBodyType[]): void {
  for (const type of types) {
    fastify.addContentTypeParser(type.contentType, { parseAs: 'string', bodyLimit: type.limitBytes }, (_request, body, done) => {
      const text = typeof body === 'string' ? body : body.toString('utf8');
      done(null, text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    });
  }
}
