import { z } from 'zod';
import { MAX_BATCH } from '../config/recommender-config';

/** External ids: what callers use for users, items and events. */
export const externalId = (what: string) =>
  z
    .string({ message: `${what} must be a string` })
    .trim()
    .min(1, `${what} must not be empty`)
    .max(128, `${what} may have at most 128 characters`)
    .regex(/^[^\s/?#]+$/, `${what} may not contain spaces, "/", "?" or "#"`);

export const itemSchema = z.strictObject({
  id: externalId('id'),
  title: z.string().trim().min(1, 'title must not be empty').max(500),
  description: z.string().max(10_000, 'description may have at most 10,000 characters').default(''),
  categories: z.array(z.string().trim().min(1).max(100)).max(50, 'at most 50 categories per item').default([]),
});
export type ItemInput = z.infer<typeof itemSchema>;

export const itemsBodySchema = z.union([
  itemSchema,
  z.strictObject({ items: z.array(itemSchema).min(1, 'give at least one item').max(MAX_BATCH, `at most ${MAX_BATCH} items per request`) }),
]);

export const userSchema = z.strictObject({
  id: externalId('id'),
  attributes: z.record(z.string(), z.union([z.string().max(500), z.number(), z.boolean()])).default({}),
});
export type UserInput = z.infer<typeof userSchema>;
