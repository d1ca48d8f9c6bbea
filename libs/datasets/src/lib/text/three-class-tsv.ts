import { DatasetFormatError } from '../dataset-errors';
import { defaultDatasetPath, readDatasetText, splitLines } from '../dataset-files';

/** Three-class sentiment ids, as TweetEval numbers them (mapping.txt): 0 negative, 1 neutral, 2 positive. */
export const THREE_CLASS_LABELS = ['negative', 'neutral', 'positive'] as const;
export type ThreeClassLabel = 0 | 1 | 2;

export interface ThreeClassSentence {
  sentence: string;
  label: ThreeClassLabel;
}

/** SST-5's five labels (1 very negative … 5 very positive) as three: 1–2 negative, 3 neutral, 4–5 positive. */
export function sst5ToThreeClass(label: number): ThreeClassLabel {
  if (label <= 2) return 0;
  return label === 3 ? 1 : 2;
}

export type Sst5Split = 'train' | 'dev' | 'test';

/** `<datasets>/sst5/<split>.tsv`. Never train or choose anything on `dev` while SST-2 dev is reported: it holds every SST-2 dev sentence. */
export function sst5Path(split: Sst5Split): string {
  return defaultDatasetPath('sst5', `${split}.tsv`);
}

function readRows(path: string, allowed: readonly string[], toLabel: (raw: number) => ThreeClassLabel): ThreeClassSentence[] {
  const rows: ThreeClassSentence[] = [];
  splitLines(readDatasetText(path)).forEach((line, index) => {
    const lineNumber = index + 1;
    if (line.trim() === '') return;
    const fields = line.split('\t');
    if (index === 0 && fields.length === 2 && fields[1].trim().toLowerCase() === 'label') return;
    if (fields.length !== 2) throw new DatasetFormatError(path, lineNumber, `expected "sentence<TAB>label" (2 fields), found ${fields.length}`);
    const [sentence, rawLabel] = fields;
    const label = rawLabel.trim();
    if (!allowed.includes(label)) throw new DatasetFormatError(path, lineNumber, `label must be one of ${allowed.join('/')}, found "${rawLabel}"`);
    if (sentence.trim() === '') throw new DatasetFormatError(path, lineNumber, 'empty sentence');
    rows.push({ sentence, label: toLabel(Number(label)) });
  });
  return rows;
}

/** `sentence<TAB>label` rows with labels 0/1/2 (negative/neutral/positive; TweetEval's ids); a `label` header is skipped. */
export function loadThreeClassTsv(path: string): ThreeClassSentence[] {
  return readRows(path, ['0', '1', '2'], (raw) => raw as ThreeClassLabel);
}

/** An SST-5 file (labels 1–5) mapped to three classes. */
export function loadSst5ThreeClass(split: Sst5Split, path: string = sst5Path(split)): ThreeClassSentence[] {
  return readRows(path, ['1', '2', '3', '4', '5'], sst5ToThreeClass);
}
