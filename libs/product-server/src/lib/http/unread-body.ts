import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';

export interface UnreadBodyLimits {
  /** Most bytes read (and dropped) before an early answer; beyond, the connection is closed. */
  maxBytes: number;
  /** Longest wait for the rest of the body. */
  timeoutMs: number;
}

export const DEFAULT_UNREAD_BODY_LIMITS: UnreadBodyLimits = { maxBytes: 64 * 1024 * 1024, timeoutMs: 30_000 };

/**
 * An answer given before the request body was read to its end (a 413 from the Content-Length, a
 * multipart upload refused midway) waits until the rest of the body is read and dropped, within
 * `limits`. Answering first and closing the socket makes fetch/undici clients, still writing, fail
 * with EPIPE/ECONNRESET and never see the 413; once the body is read, they get the JSON error and
 * the connection may even stay open.
 */
export function answerAfterUnreadBody(fastify: FastifyInstance, limits: UnreadBodyLimits = DEFAULT_UNREAD_BODY_LIMITS): void {
  fastify.addHook('onSend', async (request, reply) => {
    const raw = request.raw;
    if (raw.complete || raw.readableEnded || raw.destroyed) return;
    const drained = await readToEnd(raw, limits);
    // Fastify asks to close after a body-parsing error in case more bytes follow; read to the end, there are none.
    if (drained && reply.statusCode < 500) reply.removeHeader('connection');
  });
}

/** Reads and drops the rest of `stream`: true when it ended within the limits. */
function readToEnd(stream: IncomingMessage, limits: UnreadBodyLimits): Promise<boolean> {
  return new Promise((resolve) => {
    let seen = 0;
    const finish = (ended: boolean) => {
      clearTimeout(timer);
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onFail);
      stream.off('close', onFail);
      if (!ended) stream.pause();
      resolve(ended);
    };
    const onData = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > limits.maxBytes) finish(false);
    };
    const onEnd = () => finish(true);
    const onFail = () => finish(false);
    const timer = setTimeout(onFail, limits.timeoutMs);
    stream.on('data', onData);
    stream.once('end', onEnd);
    stream.once('error', onFail);
    stream.once('close', onFail);
    stream.resume();
  });
}
