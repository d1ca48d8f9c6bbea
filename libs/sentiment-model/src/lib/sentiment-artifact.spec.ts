import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareVersions, nextVersion, writeArtifact as writeVersion, type ArtifactToWrite } from '@matrix/model-artifacts';
import { latestSentimentArtifact, SENTIMENT_HEAD_NAME, SentimentHeadConfig, sentimentHeadVersions, sentimentModelDir } from './sentiment-artifact';

const writeArtifact = (artifact: Omit<ArtifactToWrite, 'name'>) => writeVersion({ ...artifact, name: SENTIMENT_HEAD_NAME });

const config = (version: string): SentimentHeadConfig => ({
  version,
  task: 'text-classification',
  runtime: 'tfjs-layers',
  labels: { type: 'inline', values: ['negative', 'positive'] },
  preprocessing: { embeddingModel: 'use-lite-en' },
  memoryMb: 5,
});

describe('sentiment head artifacts', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'sentiment-head-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const files = (tag: string) => ({ 'model.json': Buffer.from(`{"tag":"${tag}"}`), 'weights.bin': Buffer.from([1, 2, 3]) });

  it('numbers versions by date, then 1, 2, … and latest.json follows the newest write', () => {
    const day = new Date('2026-11-26T10:00:00Z');
    expect(nextVersion(dir, day)).toBe('2026-11-26.1');
    writeArtifact({ dir, config: config('2026-11-26.1'), files: files('one'), modelCard: '# one\n' });
    expect(nextVersion(dir, day)).toBe('2026-11-26.2');
    writeArtifact({ dir, config: config('2026-11-26.2'), files: files('two'), modelCard: '# two\n' });
    expect(nextVersion(dir, new Date('2026-11-27T00:00:00Z'))).toBe('2026-11-27.1');
    const latest = latestSentimentArtifact(dir);
    expect(latest.version).toBe('2026-11-26.2');
    expect(latest.files['model.json'].toString()).toBe('{"tag":"two"}');
    expect(Object.keys(latest.files).sort()).toEqual(['model.json', 'weights.bin']);
    expect(latest.config).toEqual(config('2026-11-26.2'));
  });

  it('refuses to overwrite an existing version', () => {
    writeArtifact({ dir, config: config('2026-11-26.1'), files: files('one'), modelCard: '' });
    expect(() => writeArtifact({ dir, config: config('2026-11-26.1'), files: files('again'), modelCard: '' })).toThrow(/version 2026-11-26.1 already exists/);
  });

  it('says what is missing when there is no artifact, or an incomplete one', () => {
    expect(() => latestSentimentArtifact(dir)).toThrow(`no trained sentiment head: ${join(dir, 'latest.json')} is missing`);
    writeArtifact({ dir, config: config('2026-11-26.1'), files: files('one'), modelCard: '' });
    rmSync(join(dir, '2026-11-26.1', 'weights.bin'));
    expect(() => latestSentimentArtifact(dir)).toThrow(`sentiment head 2026-11-26.1 is incomplete: missing ${join(dir, '2026-11-26.1', 'weights.bin')}`);
  });

  it('rejects a latest.json that climbs out of the folder', () => {
    writeFileSync(join(dir, 'latest.json'), JSON.stringify({ name: 'sentiment-head', version: '../../etc' }));
    expect(() => latestSentimentArtifact(dir)).toThrow(/"version" must name a version folder/);
  });

  it('sorts versions by date then counter, numerically', () => {
    expect(['2026-11-26.10', '2026-11-25.3', '2026-11-26.2'].sort(compareVersions)).toEqual(['2026-11-25.3', '2026-11-26.2', '2026-11-26.10']);
    expect(sentimentHeadVersions(join(dir, 'absent'))).toEqual([]);
  });

  it('reads SENTIMENT_MODEL_DIR, relative to the workspace root', () => {
    expect(sentimentModelDir({ SENTIMENT_MODEL_DIR: '/srv/heads' })).toBe('/srv/heads');
    expect(sentimentModelDir({})).toMatch(/apps\/sentiment-api\/model\/sentiment-head$/);
  });
});
