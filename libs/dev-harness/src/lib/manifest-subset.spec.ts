import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { manifestWithModels } from './manifest-subset';

describe('manifestWithModels', () => {
  it('writes the offline manifest with only the named models, entries unchanged', () => {
    const manifest = parse(readFileSync(manifestWithModels(['use-lite-en']), 'utf8')) as {
      manifestVersion: number;
      models: Array<{ id: string; runtime: string }>;
    };
    expect(manifest.manifestVersion).toBe(1);
    expect(manifest.models.map((m) => m.id)).toEqual(['use-lite-en']);
    expect(manifest.models[0].runtime).toBe('tfjs-graph');
  });

  it('names the models the offline manifest does not list', () => {
    expect(() => manifestWithModels(['use-lite-en', 'no-such-model'])).toThrow(/offline\.yaml does not list no-such-model$/);
  });
});
