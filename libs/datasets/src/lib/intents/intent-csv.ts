import { DatasetFormatError } from '../dataset-errors';
import { readCsvRecords } from './csv-records';

/** A user utterance labelled with an intent. */
export interface IntentExample {
  text: string;
  category: string;
}

/**
 * The category evaluation files use for out-of-scope queries (as in CLINC150's `oos`): the
 * chatbot must decline them, so they are accepted even though no trained intent has that name.
 */
export const OUT_OF_SCOPE_CATEGORY = 'oos';

/**
 * Any CSV with `text` and `category` columns (extra columns are ignored): Banking77 and hand-made
 * evaluation files alike. Texts are returned exactly as written, including quoted line breaks;
 * rows with an empty text or category are rejected with their line number.
 */
export function loadIntentCsv(path: string): IntentExample[] {
  return readCsvRecords(path, ['text', 'category']).map(({ line, values }) => {
    const text = values['text'];
    const category = values['category'].trim();
    if (text.trim() === '') throw new DatasetFormatError(path, line, 'empty text');
    if (category === '') throw new DatasetFormatError(path, line, 'empty category');
    return { text, category };
  });
}
