import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { artifactVersions, nextVersion, readLatestArtifact, writeArtifact } from './versioned-artifact';

const description = { name: 'demo', what: 'demo model', trainCommand: 'npx nx run demo:train', modelFiles: ['a/model.json', 'a/weights.bin'] };

describe('versioned artifacts with sub-folders', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'versioned-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes nested model files and reads them back through latest.json', () => {
    const version = nextVersion(dir, new Date('2026-11-26T00:00:00Z'));
    writeArtifact({
      dir,
      name: 'demo',
      config: { version, extra: 1 },
      files: { 'a/model.json': Buffer.from('{}'), 'a/weights.bin': Buffer.from([1]) },
      modelCard: '# card\n',
      extraJson: { 'metrics.json': { ok: true } },
    });
    expect(JSON.parse(readFileSync(join(dir, 'latest.json'), 'utf8'))).toEqual({ name: 'demo', version: '2026-11-26.1' });
    expect(existsSync(join(dir, version, 'MODEL_CARD.md'))).toBe(true);
    const read = readLatestArtifact(dir, description);
    expect(read).toMatchObject({ name: 'demo', version, config: { version, extra: 1 } });
    expect(Array.from(read.files['a/weights.bin'])).toEqual([1]);
    expect(artifactVersions(dir)).toEqual([version]);
  });

  it('names the training command when nothing was trained', () => {
    expect(() => readLatestArtifact(dir, description)).toThrow(`no trained demo model: ${join(dir, 'latest.json')} is missing (run \`npx nx run demo:train\`)`);
  });
});
