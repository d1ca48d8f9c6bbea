import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatasetFormatError } from '../dataset-errors';
import { loadSst5ThreeClass, loadThreeClassTsv, sst5Path, sst5ToThreeClass } from './three-class-tsv';

function file(content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'three-class-')), 'rows.tsv');
  writeFileSync(path, content);
  return path;
}

describe('three-class sentiment files', () => {
  it('maps SST-5 1–2 / 3 / 4–5 to negative / neutral / positive', () => {
    expect([1, 2, 3, 4, 5].map(sst5ToThreeClass)).toEqual([0, 0, 1, 2, 2]);
  });

  it('reads 0/1/2 rows, skipping a header, and names a bad label', () => {
    expect(loadThreeClassTsv(file('sentence\tlabel\nfine .\t1\nbad\t0\n\ngreat\t2\n'))).toEqual([
      { sentence: 'fine .', label: 1 },
      { sentence: 'bad', label: 0 },
      { sentence: 'great', label: 2 },
    ]);
    expect(() => loadThreeClassTsv(file('ok\t3\n'))).toThrow(DatasetFormatError);
    expect(() => loadThreeClassTsv(file('ok\t3\n'))).toThrow(/:1: label must be one of 0\/1\/2/);
  });

  it('reads SST-5 rows as three classes', () => {
    expect(loadSst5ThreeClass('test', file('awful\t1\nmeh\t3\nsuperb\t5\n'))).toEqual([
      { sentence: 'awful', label: 0 },
      { sentence: 'meh', label: 1 },
      { sentence: 'superb', label: 2 },
    ]);
  });

  it('reads the shipped SST-5 test split (2,210 sentences) when it is there', () => {
    let rows;
    try {
      rows = loadSst5ThreeClass('test');
    } catch (error) {
      console.warn(`SST-5 test not found at ${sst5Path('test')}: ${(error as Error).message}; this check did not run`);
      return;
    }
    expect(rows).toHaveLength(2210);
    expect(new Set(rows.map((r) => r.label))).toEqual(new Set([0, 1, 2]));
  });
});
