import type { FastifyInstance } from 'fastify';
import { ApiError } from '../errors/api-error';
import { decodeText, TextEncodingError } from './text-decoding';

/**
 * The JSON body parser of every product API: the bytes are decoded strictly (an invalid UTF-8 byte
 * is a 400 saying where, not a U+FFFD stored for good), then parsed by Fastify's own JSON parser
 * (prototype-poisoning guard included). Replaces Nest's parser, which decodes leniently.
 */
export function registerStrictJsonParser(fastify: FastifyInstance, limitBytes: number): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: limitBytes }, (request, body, done) => {
    let text: string;
    try {
      text = decodeText(body as Buffer, request.headers['content-type'], 'the JSON body');
    } catch (error) {
      done(
        error instanceof TextEncodingError ? new ApiError(400, error.reason, `${error.message}: send JSON encoded as UTF-8`, error.position) : (error as Error),
        undefined,
      );
      return;
    }
    parseJson(request, text, done);
  });
}
