/** Errors of the model repository that the HTTP layer maps to status codes. */
export class ModelNotFoundError extends Error {
  readonly code = 'model_not_found';
  constructor(
    readonly model: string,
    readonly version?: string,
    known: readonly string[] = [],
  ) {
    super(
      (version ? `model '${model}' has no version '${version}'` : `model '${model}' is not in the model repository`) +
        (known.length ? `; available: ${known.join(', ')}` : ''),
    );
  }
}

export class ModelNotReadyError extends Error {
  readonly code = 'model_not_ready';
  constructor(
    readonly model: string,
    readonly state: string,
    readonly reason?: string,
  ) {
    super(`model '${model}' is not ready (${state})${reason ? `: ${reason}` : ''}`);
  }
}

/** The model cannot serve this route (e.g. /v1/images/zero-shot without a CLIP model). */
export class TaskNotSupportedError extends Error {
  readonly code = 'task_not_supported';
}

/** Input that passed the schema but cannot be served (e.g. too many texts). */
export class InvalidInputError extends Error {
  readonly code = 'invalid_input';
}

/** Memory budget exceeded by models that are busy: nothing can be evicted to make room. */
export class InsufficientMemoryError extends Error {
  readonly code = 'insufficient_memory';
}

/** No model for this route is in the manifest / loaded (e.g. zero-shot without CLIP): 503. */
export class NoModelForTaskError extends Error {
  readonly code = 'no_model_for_task';
}
