import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

let cached: string | undefined;

/**
 * The monorepo root: the nearest folder above `from` holding nx.json. Falls back to the
 * current directory so a deployed app (no nx.json) still resolves relative paths sanely.
 */
export function workspaceRoot(from: string = __dirname): string {
  if (cached && from === __dirname) return cached;
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, 'nx.json'))) break;
    const parent = dirname(dir);
    if (parent === dir) {
      dir = process.cwd();
      break;
    }
    dir = parent;
  }
  if (from === __dirname) cached = dir;
  return dir;
}
