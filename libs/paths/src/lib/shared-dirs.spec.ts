import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { datasetsDir, modelsDir, sharedDir } from './shared-dirs';
import { workspaceRoot } from './workspace-root';

describe('shared directories', () => {
  it('finds the workspace root by its nx.json', () => {
    expect(existsSync(join(workspaceRoot(), 'nx.json'))).toBe(true);
  });

  it('defaults to ../shared beside the checkout', () => {
    expect(sharedDir({})).toBe(join(workspaceRoot(), '..', 'shared'));
    expect(modelsDir({})).toBe(join(workspaceRoot(), '..', 'shared', 'models'));
    expect(datasetsDir({})).toBe(join(workspaceRoot(), '..', 'shared', 'datasets'));
  });

  it('honours absolute and workspace-relative overrides', () => {
    expect(modelsDir({ MODELS_DIR: '/srv/models' })).toBe('/srv/models');
    expect(datasetsDir({ DATASETS_DIR: 'data/sets' })).toBe(join(workspaceRoot(), 'data', 'sets'));
    expect(modelsDir({ MATRIX_SHARED_DIR: '/mnt/s' })).toBe('/mnt/s/models');
  });
});
