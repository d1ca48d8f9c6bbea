import { DatasetFormatError } from '../dataset-errors';

const DIGITS = /^\d+$/;

/** Parses a field that must be a non-negative integer, naming the line otherwise. */
export function parseIdField(value: string, what: string, path: string, line: number): number {
  if (!DIGITS.test(value)) throw new DatasetFormatError(path, line, `${what} must be an integer, found "${value}"`);
  return +value;
}
