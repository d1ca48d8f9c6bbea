import { ApiError } from '../errors/api-error';

/** Printable token of a sane length: a browser's crypto.randomUUID(), a client's own scheme. */
const KEY = /^[\w.:-]{8,200}$/;

/**
 * The request's Idempotency-Key header (undefined when absent), validated: an upload route passes it to
 * createJobOnce (libs/job-queue) so a resubmitted file returns the existing job instead of starting a second one.
 */
export function idempotencyKeyFrom(headers: Record<string, string | string[] | undefined>): string | undefined {
  const raw = headers['idempotency-key'];
  if (raw === undefined) return undefined;
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!KEY.test(value)) throw new ApiError(400, 'invalid_idempotency_key', 'Idempotency-Key must be 8 to 200 letters, digits, ".", ":", "-" or "_"');
  return value;
}
