import type { ZodError } from 'zod';

export interface ValidationIssue {
  /** Dotted path to the bad field ('' for the whole input), e.g. `texts.3`. */
  path: string;
  message: string;
}

/**
 * The zod issue param that sets the HTTP status of a validation failure (default 422). Size limits
 * use it to answer 413: `ctx.addIssue({ code: 'custom', message, params: { [HTTP_STATUS_PARAM]: 413 } })`.
 */
export const HTTP_STATUS_PARAM = 'httpStatus';

/** Input that does not satisfy its schema: 422 (or the status an issue asks for), listing every issue. */
export class ValidationError extends Error {
  constructor(
    readonly issues: ValidationIssue[],
    readonly status = 422,
    /** What was validated: 'body', 'query', 'params', … (used in the message). */
    readonly target = 'request',
  ) {
    super(`invalid ${target}: ${issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join('; ')}`);
    this.name = 'ValidationError';
  }

  static fromZod(error: ZodError, target = 'request'): ValidationError {
    const issues = error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
    // The largest status any issue asks for wins: a too-large input is 413 even beside a 422 issue.
    const statuses = error.issues
      .map((issue) => (issue.code === 'custom' ? (issue.params as Record<string, unknown> | undefined)?.[HTTP_STATUS_PARAM] : undefined))
      .filter((status): status is number => typeof status === 'number');
    return new ValidationError(issues, statuses.length ? Math.max(...statuses) : 422, target);
  }
}
