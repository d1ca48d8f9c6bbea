import { HTTP_STATUS_PARAM } from '@matrix/product-server';
import { z } from 'zod';
import { MAX_ARTICLE_CHARS } from '../config/chatbot-config';
import type { ArticleFields } from './article-store';
import { contentHash } from './content-hash';

/** URL-safe name from a title: "Where is my card?" → "where-is-my-card". */
export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return slug || 'article';
}

const slugSchema = z
  .string({ error: 'slug must be a string' })
  .trim()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'slug may hold lower-case letters, digits and single dashes (e.g. "card-delivery")')
  .max(80, 'slug may be at most 80 characters');

const intentSchema = z
  .string({ error: 'intent must be a string' })
  .trim()
  .regex(/^\S+$/, 'intent must be one word without spaces (e.g. "card_arrival")')
  .max(100, 'intent may be at most 100 characters');

/** One article as the API takes it (create, update, each import row). */
export const articleInputSchema = z.object({
  title: z
    .string({ error: (issue) => (issue.input === undefined ? 'title is required' : 'title must be a string') })
    .trim()
    .min(1, 'title must not be blank')
    .max(200, 'title may be at most 200 characters'),
  body: z.string({ error: (issue) => (issue.input === undefined ? 'body is required' : 'body must be a string') }).superRefine((body, ctx) => {
    if (body.length > MAX_ARTICLE_CHARS)
      ctx.addIssue({
        code: 'custom',
        message: `body has ${body.length} characters; the limit is ${MAX_ARTICLE_CHARS}: split it into several articles`,
        params: { [HTTP_STATUS_PARAM]: 413 },
      });
    else if (body.trim() === '') ctx.addIssue({ code: 'custom', message: 'body must not be empty' });
  }),
  slug: slugSchema.optional(),
  intent: intentSchema.nullish(),
  category: z
    .string({ error: 'category must be a string' })
    .trim()
    .min(1, 'category must not be blank')
    .max(100, 'category may be at most 100 characters')
    .nullish(),
});
export type ArticleInput = z.infer<typeof articleInputSchema>;

/** An update: any subset of the fields. */
export const articlePatchSchema = articleInputSchema
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'send at least one of title, body, slug, intent, category' });
export type ArticlePatch = z.infer<typeof articlePatchSchema>;

/** The columns an article input writes (slug from the title when none is given, hash of what is embedded). */
export function articleFields(input: ArticleInput): ArticleFields {
  return {
    slug: input.slug ?? slugify(input.title),
    title: input.title,
    body: input.body,
    intent: input.intent ?? null,
    category: input.category ?? null,
    contentHash: contentHash(input.title, input.body),
  };
}
