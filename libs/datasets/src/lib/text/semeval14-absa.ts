import { DatasetFormatError } from '../dataset-errors';
import { defaultDatasetPath, readDatasetText, splitLines } from '../dataset-files';
import type { ThreeClassLabel } from './three-class-tsv';

/** One aspect occurrence of SemEval-2014 Task 4 (the shipped JSONL): `text.slice(from, to) === aspect`. */
export interface AspectExample {
  text: string;
  aspect: string;
  from: number;
  to: number;
  /** 0 negative, 1 neutral, 2 positive. */
  label: ThreeClassLabel;
  /** File the row came from (e.g. restaurants-train), for per-domain figures. */
  domain: string;
}

const POLARITY: Record<string, ThreeClassLabel> = { negative: 0, neutral: 1, positive: 2 };

export const SEMEVAL14_ABSA_PARTS = ['restaurants-train', 'laptops-train'] as const;

export function semeval14AbsaPath(part: string): string {
  return defaultDatasetPath('semeval14-absa', `${part}.jsonl`);
}

/**
 * Reads `{"text","aspect","from","to","polarity"}` lines; each row's offsets must point at its aspect.
 * `polarity` outside negative/neutral/positive (SemEval's "conflict") is refused with the line.
 */
export function loadAspectJsonl(path: string, domain = path.replace(/^.*\//, '').replace(/\.jsonl$/, '')): AspectExample[] {
  const rows: AspectExample[] = [];
  splitLines(readDatasetText(path)).forEach((line, index) => {
    if (line.trim() === '') return;
    let row: Record<string, unknown>;
    try {
      row = JSON.parse(line) as Record<string, unknown>;
    } catch {
      throw new DatasetFormatError(path, index + 1, 'not a JSON object');
    }
    const { text, aspect, from, to, polarity } = row;
    if (typeof text !== 'string' || typeof aspect !== 'string' || typeof from !== 'number' || typeof to !== 'number' || typeof polarity !== 'string')
      throw new DatasetFormatError(path, index + 1, 'expected {"text","aspect","from","to","polarity"}');
    if (text.slice(from, to) !== aspect) throw new DatasetFormatError(path, index + 1, `text[${from}, ${to}) is not "${aspect}"`);
    const label = POLARITY[polarity];
    if (label === undefined) throw new DatasetFormatError(path, index + 1, `polarity must be negative, neutral or positive, found "${polarity}"`);
    rows.push({ text, aspect, from, to, label, domain });
  });
  return rows;
}

/** The restaurant and laptop training parts, in that order. */
export function loadSemeval14Absa(): AspectExample[] {
  return SEMEVAL14_ABSA_PARTS.flatMap((part) => loadAspectJsonl(semeval14AbsaPath(part), part));
}
