import { join } from 'node:path';
import { DatasetFormatError } from '../dataset-errors';
import { defaultDatasetPath, readDatasetText, splitLines } from '../dataset-files';

/** A tweet with its TweetEval sentiment label id and the name `mapping.txt` gives it. */
export interface LabelledTweet {
  text: string;
  label: number;
  labelName: string;
}

export interface TweetEvalSet {
  /** Label names by id, from `mapping.txt` (sentiment: negative, neutral, positive). */
  labelNames: string[];
  examples: LabelledTweet[];
}

/** Folder of the shipped TweetEval sentiment task. */
export function tweetEvalSentimentDir(): string {
  return defaultDatasetPath('tweeteval-sentiment');
}

/** Reads `mapping.txt`: `id<TAB>name` per line, ids 0..n-1 in order. */
function readLabelMapping(path: string): string[] {
  return splitLines(readDatasetText(path))
    .map((line, index) => ({ line, lineNumber: index + 1 }))
    .filter(({ line }) => line.trim() !== '')
    .map(({ line, lineNumber }, position) => {
      const [id, name] = line.split('\t');
      if (name === undefined || Number(id) !== position || name.trim() === '') {
        throw new DatasetFormatError(path, lineNumber, `expected "${position}<TAB>name"`);
      }
      return name.trim();
    });
}

/**
 * A TweetEval task folder in the original layout: `<split>_text.txt` (one tweet per line, as
 * posted) beside `<split>_labels.txt` (one id per line) and `mapping.txt`. The shipped sentiment
 * set holds the 2,000-tweet validation split only, hence the default.
 */
export function loadTweetEval(dir: string = tweetEvalSentimentDir(), split = 'val'): TweetEvalSet {
  const labelNames = readLabelMapping(join(dir, 'mapping.txt'));
  const textPath = join(dir, `${split}_text.txt`);
  const labelsPath = join(dir, `${split}_labels.txt`);
  const texts = splitLines(readDatasetText(textPath));
  const labels = splitLines(readDatasetText(labelsPath));
  if (texts.length !== labels.length) {
    throw new DatasetFormatError(textPath, undefined, `${texts.length} tweets but ${labels.length} labels in ${labelsPath}`);
  }
  const examples = texts.map((text, index) => {
    const raw = labels[index].trim();
    const label = Number(raw);
    if (raw === '' || !Number.isInteger(label) || labelNames[label] === undefined) {
      throw new DatasetFormatError(labelsPath, index + 1, `label "${labels[index]}" is not an id in mapping.txt`);
    }
    return { text, label, labelName: labelNames[label] };
  });
  return { labelNames, examples };
}
