import { paginationShape } from '@matrix/product-server';
import { z } from 'zod';
import { TAG_FEATURES } from '../config/image-tagger-config';
import { normalizeTagName, TAG_SOURCES } from '../tags/machine-tags';

/** `?x=a&x=b` arrives as an array, `?x=a` as a string, `?x=a,b` as one comma-separated string. */
const listParam = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((value) =>
      (Array.isArray(value) ? value : [value])
        .flatMap((v) => v.split(','))
        .map((v) => v.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item));

const booleanParam = (name: string) =>
  z
    .string()
    .transform((value) => value.trim().toLowerCase())
    .pipe(z.enum(['true', 'false', '1', '0', 'yes', 'no'], { message: `${name} must be true or false` }))
    .transform((value) => ['true', '1', 'yes'].includes(value));

/**
 * A tag name: what classifiers, detectors and people call things (letters, digits, spaces and ' - ( ) . , & +), never a path
 * or markup: `../../../etc/passwd` is refused with 422 before it reaches a threshold row or a vocabulary.
 */
export const tagName = z
  .string()
  .trim()
  .min(1, 'a tag name must not be empty')
  .max(100, 'a tag name has at most 100 characters')
  .regex(/^[\p{L}\p{N}][\p{L}\p{M}\p{N} '’&()+,.-]*$/u, "a tag name starts with a letter or digit and uses only letters, digits, spaces and ' - ( ) . , & +")
  .refine((name) => !name.includes('..'), 'a tag name must not contain ".."')
  .transform(normalizeTagName);

const tagsParam = z
  .enum(['visible', 'all'], { message: 'tags must be visible or all' })
  .default('visible')
  .describe('visible (default): tags at or above their threshold; all: every stored tag, each with `visible`');

export const uploadQuerySchema = z.object({
  features: listParam(z.enum(TAG_FEATURES, { message: `features are ${TAG_FEATURES.join(', ')}` }))
    .refine((f) => f.length > 0, 'give at least one feature')
    .optional()
    .describe(`Comma-separated: ${TAG_FEATURES.join(', ')} (default IMAGE_TAGGER_FEATURES, classify,detect)`),
  collection: z.string().trim().min(1).max(100).optional().describe('Album or catalogue name stored with the images'),
  vocabulary: z.string().trim().min(1).max(100).optional().describe('Zero-shot vocabulary name (with the zero-shot feature)'),
  tags: tagsParam,
});
export type UploadQuery = z.infer<typeof uploadQuerySchema>;

export const listQuerySchema = z
  .object({
    tag: listParam(tagName).optional().describe('Images with every one of these tags (parents count: tag=animal finds a tabby); repeat or comma-separate'),
    source: listParam(z.enum(TAG_SOURCES, { message: `sources are ${TAG_SOURCES.join(', ')}` }))
      .optional()
      .describe('Only tags from these sources count for `tag`'),
    collection: z.string().trim().min(1).max(100).optional(),
    status: z.enum(['pending', 'tagged', 'failed'], { message: 'status must be pending, tagged or failed' }).optional(),
    q: z.string().trim().min(1).max(200).optional().describe('File name contains'),
    needsReview: booleanParam('needsReview').optional().describe('Only images with visible tags nobody has reviewed'),
    stale: booleanParam('stale').optional().describe('Only images tagged by another classifier version than the served one (true) or not (false)'),
    from: z.coerce.date({ message: 'from must be a date (ISO 8601)' }).optional(),
    to: z.coerce.date({ message: 'to must be a date (ISO 8601)' }).optional(),
    tags: tagsParam,
    ...paginationShape({ defaultPageSize: 24, maxPageSize: 100 }),
  })
  .refine((q) => !q.from || !q.to || q.from < q.to, { message: 'from must be before to', path: ['from'] });
export type ListQuery = z.infer<typeof listQuerySchema>;

export const viewQuerySchema = z.object({ tags: tagsParam });
export const idSchema = z.object({ id: z.string().min(1).max(100) });
export const tagIdSchema = z.object({ id: z.string().min(1).max(100), tagId: z.string().min(1).max(100) });

export const reviewBodySchema = z.strictObject({
  status: z.enum(['confirmed', 'rejected', 'suggested'], { message: 'status must be confirmed, rejected or suggested (undo)' }),
});
export const bulkReviewBodySchema = z.strictObject({
  items: z
    .array(z.strictObject({ tagId: z.string().min(1).max(100), status: reviewBodySchema.shape.status }))
    .min(1, 'give at least one review')
    .max(500, 'at most 500 reviews per request'),
});
export const manualTagBodySchema = z.strictObject({ name: tagName });
