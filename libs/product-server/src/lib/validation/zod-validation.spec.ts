import type { ArgumentMetadata } from '@nestjs/common';
import { z } from 'zod';
import { ApiError } from '../errors/api-error';
import { jsonSchemaOf } from './openapi-zod';
import { HTTP_STATUS_PARAM, ValidationError } from './validation-error';
import { parseWith, ZodValidationPipe } from './zod-validation';

const body: ArgumentMetadata = { type: 'body' };
const schema = z.object({
  text: z.string().trim().min(1, 'text must not be empty'),
  tags: z
    .array(z.string())
    .max(100)
    .superRefine((tags, ctx) => {
      if (tags.length > 3) ctx.addIssue({ code: 'custom', message: `at most 3 tags, got ${tags.length}`, params: { [HTTP_STATUS_PARAM]: 413 } });
    })
    .optional(),
});

function caught(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('zod validation', () => {
  it('returns the parsed value', () => {
    expect(parseWith(schema, { text: ' hi ' })).toEqual({ text: 'hi' });
  });

  it('fails with 422 listing every bad field by path', () => {
    const error = caught(() => parseWith(schema, { text: '  ', tags: [1] }, 'body')) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.status).toBe(422);
    expect(error.issues).toEqual([
      { path: 'text', message: 'text must not be empty' },
      { path: 'tags.0', message: expect.stringMatching(/expected string/) },
    ]);
    expect(error.message).toMatch(/^invalid body: text: text must not be empty; tags\.0: /);
  });

  it('answers 413 when an issue marks a size limit, even beside other issues', () => {
    const error = caught(() => parseWith(schema, { text: '', tags: ['a', 'b', 'c', 'd'] })) as ValidationError;
    expect(error.status).toBe(413);
    expect(error.issues.map((issue) => issue.message)).toEqual(['text must not be empty', 'at most 3 tags, got 4']);
  });

  it('the pipe refuses bodies that are not JSON (415) or missing (400)', () => {
    const pipe = new ZodValidationPipe(schema);
    expect(pipe.transform({ text: 'ok' }, body)).toEqual({ text: 'ok' });
    expect(caught(() => pipe.transform('text=ok', body))).toMatchObject({ status: 415, code: 'unsupported_media_type' } satisfies Partial<ApiError>);
    expect(caught(() => pipe.transform(undefined, body))).toMatchObject({ status: 400, code: 'bad_request' });
    expect(caught(() => pipe.transform({ page: 'x' }, { type: 'query' }))).toMatchObject({ status: 422, message: expect.stringMatching(/^invalid query: /) });
    // A form's empty field is "not given": the default applies instead of failing.
    const query = new ZodValidationPipe(z.object({ label: z.enum(['A', 'B']).optional(), page: z.coerce.number().default(1) }));
    expect(query.transform({ label: '', page: ' ' }, { type: 'query' })).toEqual({ page: 1 });
  });

  it('documents the schema as JSON Schema for OpenAPI', () => {
    expect(jsonSchemaOf(z.object({ text: z.string().min(1).max(10), n: z.number().default(2) }))).toEqual({
      type: 'object',
      properties: { text: { type: 'string', minLength: 1, maxLength: 10 }, n: { type: 'number', default: 2 } },
      required: ['text'],
    });
  });
});
