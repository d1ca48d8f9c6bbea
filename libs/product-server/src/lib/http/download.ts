import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';

export interface Download {
  /** Offered file name (ASCII letters, digits, dot, dash, underscore; anything else becomes `_`). */
  filename: string;
  contentType: string;
  /** Streamed as it is produced: an export of a million rows never sits whole in memory. */
  chunks: AsyncIterable<string> | Iterable<string>;
}

/** Sends a file download (Content-Disposition: attachment), streamed. Use with `@Res() reply`. */
export function sendDownload(reply: FastifyReply, download: Download): FastifyReply {
  const filename = download.filename.replace(/[^A-Za-z0-9._-]/g, '_');
  return reply
    .header('content-type', download.contentType)
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('cache-control', 'no-store')
    .send(Readable.from(download.chunks));
}
