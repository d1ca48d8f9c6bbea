/** A tokenizer file is missing, unreadable or not what it claims to be; `path` names the file. */
export class TokenizerLoadError extends Error {
  constructor(
    message: string,
    readonly path: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TokenizerLoadError';
  }
}
