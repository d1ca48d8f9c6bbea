export type { ErrorBody } from '@matrix/product-contract';

/**
 * An error a product throws on purpose, with its HTTP status and a machine-readable code
 * (e.g. `new ApiError(404, 'not_found', "analysis 'x' does not exist")`).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const notFound = (what: string, id: string) => new ApiError(404, 'not_found', `${what} '${id}' does not exist`);
