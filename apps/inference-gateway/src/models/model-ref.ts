import { modelIdSchema, modelVersionSchema } from '@matrix/model-loading';
import { pathInside, PathEscapeError } from '@matrix/paths';
import type { ZodType } from 'zod';
import { InvalidInputError } from '../errors/gateway-errors';

function checked(schema: ZodType<string>, what: string, value: string): string {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const shown = JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  throw new InvalidInputError(`${what} ${shown} is not valid: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
}

/** A model id and version from a request (route or body), checked before anything uses them: 400 otherwise. */
export function modelRef(id: string, version?: string): { id: string; version: string | undefined } {
  return { id: checked(modelIdSchema, 'model id', id), version: version === undefined ? undefined : checked(modelVersionSchema, 'model version', version) };
}

/** `<store>/<segments…>`, strictly inside the store (400 otherwise): every path built from a model id or version goes through here. */
export function storePath(storeDir: string, ...segments: string[]): string {
  try {
    return pathInside(storeDir, ...segments);
  } catch (error) {
    if (error instanceof PathEscapeError) throw new InvalidInputError(error.message);
    throw error;
  }
}
