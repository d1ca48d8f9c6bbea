import { isAbsolute, relative, resolve, sep } from 'node:path';

/** A path built from request data that would leave (or be) the folder it must stay inside. */
export class PathEscapeError extends Error {
  readonly code = 'path_escape';
}

/**
 * `root` joined with `segments`, resolved, and checked to lie strictly inside `root` — never `root`
 * itself, its parent, a sibling or an absolute path elsewhere, and never with a NUL byte. Use it for
 * every path built from an id or version that came over the wire (e.g. `<store>/<model>/<version>`),
 * before reading, writing or removing anything. Lexical: symbolic links inside `root` are trusted.
 */
export function pathInside(root: string, ...segments: string[]): string {
  const shown = segments.join('/');
  if (segments.some((segment) => segment.includes('\0'))) throw new PathEscapeError(`path '${shown.replace(/\0/g, '\\0')}' contains a NUL byte`);
  const base = resolve(root);
  const target = resolve(base, ...segments);
  const inside = relative(base, target);
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
    throw new PathEscapeError(`path '${shown}' does not stay inside ${base}`);
  }
  return target;
}
