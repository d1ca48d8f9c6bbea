import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { z, type ZodType } from 'zod';

function httpError(statusCode: number, message: string): Error {
  return Object.assign(new Error(message), { statusCode, code: statusCode === 415 ? 'unsupported_media_type' : 'invalid_input' });
}

/** Parses a JSON request body with a zod schema; a ZodError becomes a 400 naming each bad field. */
export function parseBody<T>(schema: ZodType<T>, body: unknown): T {
  // Fastify parses text/plain into a string and image bodies into a Buffer: not the JSON this route takes.
  if (typeof body === 'string' || Buffer.isBuffer(body)) {
    throw httpError(415, 'this route takes a JSON body: send Content-Type: application/json');
  }
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw httpError(400, 'the request body must be a JSON object');
  }
  return schema.parse(body);
}

/** The JSON Schema of a route's body for the OpenAPI document, from the zod schema that validates it (one source of truth). */
export function requestBodySchema(schema: ZodType): SchemaObject {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest as SchemaObject;
}
