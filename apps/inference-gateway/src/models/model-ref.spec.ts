import { join } from 'node:path';
import { InvalidInputError } from '../errors/gateway-errors';
import { modelRef, storePath } from './model-ref';

// The model-store path cases, refused twice: by the id/version schema, and again where the path is joined.
const CASES: Array<[string, string]> = [
  ['parent', '..'],
  ['dot', '.'],
  ['climb inside', 'a/../b'],
  ['absolute', '/etc'],
  ['NUL', 'a\0b'],
  ['over-long', 'v'.repeat(129)],
];

describe('model ids and versions', () => {
  it.each(CASES)('refuses a %s id and version at the schema (400)', (_name, value) => {
    expect(() => modelRef(value)).toThrow(InvalidInputError);
    expect(() => modelRef('ok-model', value)).toThrow(InvalidInputError);
  });

  it('accepts plain folder names', () => {
    expect(modelRef('sentiment-head', '2026-11-26.3')).toEqual({ id: 'sentiment-head', version: '2026-11-26.3' });
    expect(modelRef('m', '_1')).toEqual({ id: 'm', version: '_1' });
  });
});

describe('storePath (the path join)', () => {
  const store = '/srv/model-store';

  // What the join alone must refuse: whatever resolves to the store itself or outside it (`<model>/.` stays inside,
  // which is why the schema refuses `.` as well).
  it.each([
    ['parent as id', ['..']],
    ['parent as version', ['model', '..', '..']],
    ['dot as id and version', ['.', '.']],
    ['climbing out through a/../b', ['a/../../b']],
    ['absolute version', ['model', '/etc']],
    ['NUL', ['model', 'a\0b']],
  ])('refuses %s even if the schema were skipped', (_name, segments) => {
    expect(() => storePath(store, ...segments)).toThrow(InvalidInputError);
  });

  it('refuses the store itself and anything outside it', () => {
    expect(() => storePath(store, '.')).toThrow(InvalidInputError);
    expect(() => storePath(store, '..', 'model-store-2')).toThrow(InvalidInputError);
    expect(() => storePath(store, '/etc/passwd')).toThrow(InvalidInputError);
  });

  it('joins a plain id and version inside the store', () => {
    expect(storePath(store, 'sentiment-head', '3')).toBe(join(store, 'sentiment-head', '3'));
  });
});
