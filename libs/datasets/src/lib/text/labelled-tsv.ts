import { DatasetFormatError } from '../dataset-errors';
import { readDatasetText, splitLines } from '../dataset-files';

/** A sentence with a binary sentiment label (1 = positive), as in GLUE SST-2. */
export interface LabelledSentence {
  sentence: string;
  label: 0 | 1;
}

/**
 * Reads `sentence<TAB>label` rows (GLUE SST-2 format). A first line whose label column reads
 * `label` is a header and skipped; any other row must have exactly two fields, a non-empty
 * sentence and a label of 0 or 1, else a `DatasetFormatError` names the line. Blank lines are
 * ignored. Sentences are returned exactly as written (SST-2 keeps a trailing space).
 */
export function loadLabelledTsv(path: string): LabelledSentence[] {
  const lines = splitLines(readDatasetText(path));
  const rows: LabelledSentence[] = [];
  lines.forEach((line, index) => {
    const lineNumber = index + 1;
    if (line.trim() === '') return;
    const fields = line.split('\t');
    if (index === 0 && fields.length === 2 && fields[1].trim().toLowerCase() === 'label') return;
    if (fields.length !== 2) {
      throw new DatasetFormatError(path, lineNumber, `expected "sentence<TAB>label" (2 fields), found ${fields.length}`);
    }
    const [sentence, rawLabel] = fields;
    const label = rawLabel.trim();
    if (label !== '0' && label !== '1') {
      throw new DatasetFormatError(path, lineNumber, `label must be 0 or 1, found "${rawLabel}"`);
    }
    if (sentence.trim() === '') throw new DatasetFormatError(path, lineNumber, 'empty sentence');
    rows.push({ sentence, label: label === '1' ? 1 : 0 });
  });
  return rows;
}
