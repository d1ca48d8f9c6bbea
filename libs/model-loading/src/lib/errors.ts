/**
 * Every failure of this library is a ModelLoadingError with a stable `code`, so the gateway can
 * report "not ready, because <code>: <message>" per model and map codes to HTTP answers without
 * parsing messages.
 */
export type ModelLoadingErrorCode =
  | 'MANIFEST_INVALID'
  | 'UNKNOWN_TASK'
  | 'UNKNOWN_RUNTIME'
  | 'UNKNOWN_MODEL'
  | 'MODEL_FILE_MISSING'
  | 'CHECKSUM_MISMATCH'
  | 'HUB_UNREACHABLE'
  | 'REMOTE_SERVER_UNAVAILABLE'
  | 'RUNTIME_UNAVAILABLE'
  | 'MODEL_LOAD_FAILED'
  | 'MODEL_NOT_READY'
  | 'SETTINGS_INVALID';

export abstract class ModelLoadingError extends Error {
  abstract readonly code: ModelLoadingErrorCode;

  protected constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** One problem in a manifest, located by its path in the document, e.g. `models[2].files[0].sha256`. */
export interface ManifestIssue {
  path: string;
  message: string;
}

function describeIssues(source: string | undefined, issues: readonly ManifestIssue[]): string {
  const where = source ? `${source}: ` : '';
  return issues.map((issue) => `${where}${issue.path}: ${issue.message}`).join('\n');
}

export class ManifestValidationError extends ModelLoadingError {
  readonly code: ModelLoadingErrorCode = 'MANIFEST_INVALID';

  constructor(
    readonly issues: readonly ManifestIssue[],
    readonly source?: string,
  ) {
    super(describeIssues(source, issues));
  }
}

/** A task outside the closed list; a manifest with one fails with this (all its other issues included). */
export class UnknownTaskError extends ManifestValidationError {
  override readonly code: ModelLoadingErrorCode = 'UNKNOWN_TASK';

  constructor(
    readonly value: unknown,
    readonly allowed: readonly string[],
    issues: readonly ManifestIssue[] = [{ path: 'task', message: unknownValueMessage('task', value, allowed) }],
    source?: string,
  ) {
    super(issues, source);
  }
}

export class UnknownRuntimeError extends ManifestValidationError {
  override readonly code: ModelLoadingErrorCode = 'UNKNOWN_RUNTIME';

  constructor(
    readonly value: unknown,
    readonly allowed: readonly string[],
    issues: readonly ManifestIssue[] = [{ path: 'runtime', message: unknownValueMessage('runtime', value, allowed) }],
    source?: string,
  ) {
    super(issues, source);
  }
}

export function unknownValueMessage(what: string, value: unknown, allowed: readonly string[]): string {
  const got = value === undefined ? `missing ${what}` : `unknown ${what} ${JSON.stringify(value)}`;
  return `${got}; allowed: ${allowed.join(', ')}`;
}

/** The gateway was asked for a model id the manifest does not list. */
export class UnknownModelError extends ModelLoadingError {
  readonly code = 'UNKNOWN_MODEL' as const;

  constructor(
    readonly modelId: string,
    readonly known: readonly string[],
  ) {
    super(`model "${modelId}" is not in the manifest; known: ${known.join(', ') || '(none)'}`);
  }
}

export class ModelFileMissingError extends ModelLoadingError {
  readonly code = 'MODEL_FILE_MISSING' as const;

  constructor(
    readonly modelId: string,
    readonly file: string,
    readonly searched: readonly string[],
    hint?: string,
  ) {
    super(`model "${modelId}": ${file} not found; looked in: ${searched.join(' ; ') || '(nowhere)'}` + (hint ? ` (${hint})` : ''));
  }
}

export class ChecksumMismatchError extends ModelLoadingError {
  readonly code = 'CHECKSUM_MISMATCH' as const;

  constructor(
    readonly file: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`sha256 mismatch for ${file}: expected ${expected}, actual ${actual}`);
  }
}

export class HubUnreachableError extends ModelLoadingError {
  readonly code = 'HUB_UNREACHABLE' as const;

  constructor(
    readonly endpoint: string,
    readonly reason: string,
    readonly elapsedMs: number,
  ) {
    super(`model hub ${endpoint} unreachable after ${elapsedMs} ms: ${reason}`);
  }
}

/** A `remote-oip` model whose Open Inference Protocol server (Triton, KServe) does not answer or is not ready. */
export class RemoteServerUnavailableError extends ModelLoadingError {
  readonly code = 'REMOTE_SERVER_UNAVAILABLE' as const;

  constructor(
    readonly url: string,
    readonly reason: string,
  ) {
    super(`remote inference server ${url}: ${reason}`);
  }
}

/** The runtime package or the requested device cannot be used in this process. */
export class RuntimeUnavailableError extends ModelLoadingError {
  readonly code = 'RUNTIME_UNAVAILABLE' as const;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The files were found but the runtime could not turn them into a model (corrupt, wrong format). */
export class ModelLoadFailedError extends ModelLoadingError {
  readonly code = 'MODEL_LOAD_FAILED' as const;

  constructor(
    readonly modelId: string,
    readonly file: string,
    cause: unknown,
  ) {
    super(`model "${modelId}" failed to load from ${file}: ${errorMessage(cause)}`, { cause });
  }
}

export class ModelNotReadyError extends ModelLoadingError {
  readonly code = 'MODEL_NOT_READY' as const;

  constructor(
    readonly modelId: string,
    readonly state: string,
    reason?: string,
  ) {
    super(`model "${modelId}" is not ready (${state})${reason ? `: ${reason}` : ''}`);
  }
}

export class SettingsValidationError extends ModelLoadingError {
  readonly code = 'SETTINGS_INVALID' as const;

  constructor(message: string) {
    super(message);
  }
}

/** First line of any thrown value; runtimes throw strings and multi-line native logs. */
export function errorMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0].trim();
}
