import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAspectJsonl, loadSemeval14Absa } from './semeval14-absa';

function file(lines: string[]): string {
  const path = join(mkdtempSync(join(tmpdir(), 'absa-')), 'rows.jsonl');
  writeFileSync(path, lines.join('\n'));
  return path;
}

describe('SemEval-2014 ABSA rows', () => {
  it('reads rows with polarity ids and checks the offsets', () => {
    const rows = loadAspectJsonl(file(['{"text": "Great food .", "aspect": "food", "from": 6, "to": 10, "polarity": "positive"}', '']));
    expect(rows).toEqual([{ text: 'Great food .', aspect: 'food', from: 6, to: 10, label: 2, domain: 'rows' }]);
    expect(() => loadAspectJsonl(file(['{"text": "Great food .", "aspect": "food", "from": 0, "to": 4, "polarity": "positive"}']))).toThrow(/:1: text\[0, 4\)/);
    expect(() => loadAspectJsonl(file(['{"text": "ok", "aspect": "ok", "from": 0, "to": 2, "polarity": "conflict"}']))).toThrow(/conflict/);
  });

  it('reads the shipped training parts (3,608 + 2,328 rows) when they are there', () => {
    let rows;
    try {
      rows = loadSemeval14Absa();
    } catch (error) {
      console.warn(`SemEval-2014 ABSA not found: ${(error as Error).message}; this check did not run`);
      return;
    }
    expect(rows).toHaveLength(3608 + 2328);
  });
});
