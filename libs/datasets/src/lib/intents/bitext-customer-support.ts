import { defaultDatasetPath } from '../dataset-files';
import { DatasetFormatError } from '../dataset-errors';
import { readCsvRecords } from './csv-records';

/** One Bitext utterance; field meanings from the set's README.txt. */
export interface BitextUtterance {
  /** Linguistic-variation letters, e.g. "BILQZ" (B basic, Q colloquial, Z noise...; see README.txt). */
  flags: string;
  utterance: string;
  /** High-level category, e.g. ACCOUNT. */
  category: string;
  /** Intent within the category, e.g. create_account. */
  intent: string;
}

const BITEXT_COLUMNS = ['flags', 'utterance', 'category', 'intent'] as const;

/** The shipped Bitext customer-support sample (UTF-8 with BOM; CDLA-Sharing-1.0). */
export function bitextCustomerSupportPath(): string {
  return defaultDatasetPath('bitext-customer-support-20k', 'TrainingdatasetBitextsample.csv');
}

/** Bitext customer support: 21,534 utterances, 27 intents in 11 categories. */
export function loadBitextCustomerSupport(path: string = bitextCustomerSupportPath()): BitextUtterance[] {
  return readCsvRecords(path, BITEXT_COLUMNS).map(({ line, values }) => {
    const row = { flags: values['flags'], utterance: values['utterance'], category: values['category'], intent: values['intent'] };
    const empty = BITEXT_COLUMNS.find((column) => column !== 'flags' && row[column].trim() === '');
    if (empty) throw new DatasetFormatError(path, line, `empty ${empty}`);
    return row;
  });
}
