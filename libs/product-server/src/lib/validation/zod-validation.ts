import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import type { ZodType } from 'zod';
import { ApiError } from '../errors/api-error';
import { ValidationError } from './validation-error';

/**
 * Parses `value` with `schema`; on failure throws a ValidationError (422, or 413 for size limits)
 * that names each bad field. `target` says what was checked ('body', 'query', …) in the message.
 */
export function parseWith<T>(schema: ZodType<T>, value: unknown, target = 'request'): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw ValidationError.fromZod(parsed.error, target);
  return parsed.data;
}

/** A JSON body, not a raw string/Buffer (another Content-Type) and not missing. */
export function expectJsonBody(body: unknown): void {
  if (typeof body === 'string' || Buffer.isBuffer(body)) {
    throw new ApiError(415, 'unsupported_media_type', 'this route takes a JSON body: send Content-Type: application/json');
  }
  if (body === undefined || body === null) {
    throw new ApiError(400, 'bad_request', 'this route needs a JSON body (Content-Type: application/json)');
  }
}

/** `?label=&page=2` from a form: an empty parameter means "not given", so its default applies. */
export function withoutBlankValues(query: unknown): unknown {
  if (!query || typeof query !== 'object') return query;
  return Object.fromEntries(Object.entries(query).filter(([, value]) => !(typeof value === 'string' && value.trim() === '')));
}

/**
 * Nest pipe: `@Body(new ZodValidationPipe(schema)) body: T` or `@Query(new ZodValidationPipe(schema))`.
 * Bodies must be JSON (415 otherwise); query strings arrive as strings, so use z.coerce for numbers;
 * blank query parameters count as absent.
 */
@Injectable()
export class ZodValidationPipe<T> implements PipeTransform<unknown, T> {
  constructor(private readonly schema: ZodType<T>) {}

  transform(value: unknown, metadata: ArgumentMetadata): T {
    if (metadata.type === 'body') expectJsonBody(value);
    if (metadata.type === 'query') value = withoutBlankValues(value);
    const target = metadata.type === 'custom' ? 'request' : metadata.type === 'param' ? 'path parameters' : metadata.type;
    return parseWith(this.schema, value, target);
  }
}
