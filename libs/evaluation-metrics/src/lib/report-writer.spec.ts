import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeReport } from './report-writer';

describe('writeReport', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'evaluation-report-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes <name>.json and <name>.md into a (new) directory', () => {
    const target = join(dir, 'nested', 'reports');
    const paths = writeReport(target, 'recommender-eval', { title: 'Recommender', dataset: { name: 'ml-100k' }, metrics: { 'ndcg@10': 0.442 } });
    expect(paths).toEqual({ jsonPath: join(target, 'recommender-eval.json'), markdownPath: join(target, 'recommender-eval.md') });
    expect(JSON.parse(readFileSync(paths.jsonPath, 'utf8'))).toEqual({ title: 'Recommender', dataset: { name: 'ml-100k' }, metrics: { 'ndcg@10': 0.442 } });
    expect(readFileSync(paths.markdownPath, 'utf8')).toContain('| ndcg@10 | 0.4420 |');
  });

  it('refuses names that are paths', () => {
    expect(() => writeReport(dir, '../escape', { title: 'T', dataset: { name: 'd' }, metrics: {} })).toThrow(/plain file name/);
  });
});
