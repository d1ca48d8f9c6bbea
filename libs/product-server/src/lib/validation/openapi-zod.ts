import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiQuery } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { z, type ZodType } from 'zod';

/** The JSON Schema of what a client sends (input side: defaults optional, coercions as their input). */
export function jsonSchemaOf(schema: ZodType): SchemaObject {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest as SchemaObject;
}

/** Documents a JSON request body from the zod schema that validates it (one source of truth). */
export function ApiZodBody(schema: ZodType, description?: string): MethodDecorator {
  return ApiBody({ schema: jsonSchemaOf(schema), description });
}

/** Documents each query parameter of a zod object schema. */
export function ApiZodQuery(schema: ZodType): MethodDecorator {
  const json = jsonSchemaOf(schema) as { properties?: Record<string, SchemaObject>; required?: string[] };
  return applyDecorators(
    ...Object.entries(json.properties ?? {}).map(([name, property]) =>
      ApiQuery({ name, required: json.required?.includes(name) ?? false, schema: property, description: property.description }),
    ),
  );
}
