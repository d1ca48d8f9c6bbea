import { createHash } from 'node:crypto';

/** SHA-256 of title + body: a changed article is re-chunked and re-embedded, an unchanged one is not. */
export function contentHash(title: string, body: string): string {
  return createHash('sha256')
    .update(JSON.stringify([title, body]))
    .digest('hex');
}
