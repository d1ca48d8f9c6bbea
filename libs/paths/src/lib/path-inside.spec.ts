import { join } from 'node:path';
import { pathInside, PathEscapeError } from './path-inside';

describe('pathInside', () => {
  const root = '/srv/store';

  it('joins segments that stay strictly inside the root', () => {
    expect(pathInside(root, 'head', '2')).toBe(join(root, 'head', '2'));
    expect(pathInside(root, 'head', 'v1.2_a-b')).toBe(join(root, 'head', 'v1.2_a-b'));
    expect(pathInside(`${root}/`, 'a/b/../c')).toBe(join(root, 'a', 'c'));
  });

  it.each([
    ['the root itself', ['.']],
    ['the root through a model folder', ['head', '..']],
    ['the parent', ['..']],
    ['the parent through a version', ['head', '..', '..']],
    ['a sibling of the root', ['..', 'store-other']],
    ['a climb hidden inside one segment', ['a/../../etc']],
    ['an absolute path', ['/etc/passwd']],
    ['an absolute path as a version', ['head', '/tmp']],
    ['an empty segment only', ['']],
  ])('refuses %s', (_what, segments) => {
    expect(() => pathInside(root, ...segments)).toThrow(PathEscapeError);
  });

  it('refuses a NUL byte, saying so', () => {
    expect(() => pathInside(root, 'head', 'a\0b')).toThrow(/NUL byte/);
  });
});
