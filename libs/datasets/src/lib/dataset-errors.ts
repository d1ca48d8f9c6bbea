/** The environment variable that relocates every dataset (read by `datasetsDir()` of `@matrix/paths`). */
export const DATASETS_DIR_ENV = 'DATASETS_DIR';

/**
 * A dataset file or folder is absent. The message names the path and the variable to set, because
 * the usual cause is a checkout without `../shared` beside it (CI, a fresh laptop).
 */
export class DatasetNotFoundError extends Error {
  constructor(readonly path: string) {
    super(
      `Dataset not found: ${path}. Set ${DATASETS_DIR_ENV} to the folder that holds the shared datasets ` +
        `(default ../shared/datasets beside the checkout), or pass an explicit path to the loader.`,
    );
    this.name = 'DatasetNotFoundError';
  }
}

/**
 * A dataset file exists but a row does not have the expected shape. Carries the 1-based line number
 * so that a hand-made evaluation file can be fixed without guessing.
 */
export class DatasetFormatError extends Error {
  constructor(
    readonly path: string,
    readonly line: number | undefined,
    readonly detail: string,
  ) {
    super(line === undefined ? `${path}: ${detail}` : `${path}:${line}: ${detail}`);
    this.name = 'DatasetFormatError';
  }
}
