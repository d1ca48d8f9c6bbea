import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Folders where an already-downloaded hub model may sit, in the order they are tried:
 * 1. the transformers.js file cache (`<cacheDir>/<id>` for main, `<cacheDir>/<id>/<revision>` otherwise —
 *    the cache keys transformers.js 4.x itself writes);
 * 2. the Python hub cache under HF_HOME (`hub/models--org--name/snapshots/<commit>`, the commit read
 *    from `refs/<revision>` or given as the revision).
 */
export function hubCacheCandidates(id: string, revision: string, hubCacheDir: string, hfHome: string): string[] {
  const candidates = [revision === 'main' ? join(hubCacheDir, id) : join(hubCacheDir, id, revision)];
  const repoDir = join(hfHome, 'hub', `models--${id.replace(/\//g, '--')}`);
  candidates.push(join(repoDir, 'snapshots', snapshotCommit(repoDir, revision)));
  return candidates;
}

function snapshotCommit(repoDir: string, revision: string): string {
  if (/^[0-9a-f]{40}$/.test(revision)) return revision;
  const ref = join(repoDir, 'refs', revision);
  return existsSync(ref) ? readFileSync(ref, 'utf8').trim() : `(refs/${revision} absent)`;
}
