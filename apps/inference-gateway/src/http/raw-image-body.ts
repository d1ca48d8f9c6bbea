import { errorCodes, type FastifyInstance, type FastifyRequest } from 'fastify';
import { SparePool } from '../models/worker-pool/spare-pool';

/** Bodies up to this size are read into reused buffers (a photo is ~50–500 KB); larger or chunked ones get their own. */
const MAX_POOLED_BYTES = 1 << 20;
/** 32 spares per power-of-two size class (one per client of a 32-client load): 8 MiB kept for 256 KiB bodies, 64 MiB at most over every class. */
const spareBodies = new SparePool<ArrayBuffer>((bytes) => new ArrayBuffer(bytes), 32);
const pooledBodyOf = new WeakMap<FastifyRequest, ArrayBuffer>();

type BodyError = Error & { statusCode?: number };

/**
 * Raw image bodies (one image per request: Content-Type image/* or application/octet-stream) as Buffers, read into
 * reused buffers that go back when the response has gone out. A body lives as long as its request (~0.1 s under
 * load), long enough to be promoted out of V8's young generation; a new Buffer per request then added to the external
 * memory that starts a mark-compact: with this and the decoder's reused pixel buffers, 0–2 mark-compacts in 13 s of
 * 32-client MobileNetV2 load against 12–13, and ~0.2 s of background marking against ~1 s. A request that never
 * answers (the client left) keeps its buffer: the GC takes it. Limits and errors are Fastify's own `parseAs: 'buffer'`
 * ones: 413 over `bodyLimit`, 400 when the bytes do not match Content-Length.
 */
export function rawImageBodies(fastify: FastifyInstance, contentType: RegExp, bodyLimit: number): void {
  fastify.addContentTypeParser(contentType, (request, payload, done) => {
    const declared = Number(request.headers['content-length']);
    if (declared > bodyLimit) return done(new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE(), undefined);
    const pooled = Number.isInteger(declared) && declared > 0 && declared <= MAX_POOLED_BYTES ? spareBodies.take(declared) : undefined;
    const into = pooled && Buffer.from(pooled, 0, declared);
    const chunks: Buffer[] = [];
    let received = 0;
    const stop = () => {
      payload.removeListener('data', onData);
      payload.removeListener('end', onEnd);
      payload.removeListener('error', onEnd);
    };
    const fail = (error: BodyError) => {
      stop();
      if (pooled) spareBodies.give(pooled);
      done(error, undefined);
    };
    function onData(chunk: Buffer) {
      if (received + chunk.length > bodyLimit) return fail(new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE());
      if (into) {
        if (received + chunk.length > declared) return fail(new errorCodes.FST_ERR_CTP_INVALID_CONTENT_LENGTH());
        chunk.copy(into, received);
      } else chunks.push(chunk);
      received += chunk.length;
    }
    function onEnd(error?: BodyError) {
      if (error) {
        if (!(typeof error.statusCode === 'number' && error.statusCode >= 400)) error.statusCode = 400;
        return fail(error);
      }
      if (!Number.isNaN(declared) && received !== declared) return fail(new errorCodes.FST_ERR_CTP_INVALID_CONTENT_LENGTH());
      stop();
      if (pooled) pooledBodyOf.set(request, pooled);
      done(null, into ?? Buffer.concat(chunks));
    }
    payload.on('data', onData);
    payload.on('end', onEnd);
    payload.on('error', onEnd);
    payload.resume();
  });
  fastify.addHook('onResponse', async (request) => {
    const pooled = pooledBodyOf.get(request);
    if (!pooled) return;
    pooledBodyOf.delete(request);
    spareBodies.give(pooled);
  });
}
