import { z } from 'zod';
import { MAX_BATCH } from '../config/recommender-config';
import { externalId } from '../catalog/catalog-schemas';

import { EVENT_TYPES } from '@matrix/recommender-contract';

export { EVENT_TYPES, type EventType } from '@matrix/recommender-contract';

/** Unix seconds (as MovieLens writes them) or an ISO 8601 date-time. */
const timestamp = z.union([
  z
    .number()
    .int()
    .min(0)
    .max(32_503_680_000, 'timestamp in seconds must be before year 3000')
    .transform((s) => new Date(s * 1000)),
  z.iso.datetime({ offset: true, message: 'timestamp must be ISO 8601 (e.g. 2026-11-26T10:00:00Z) or Unix seconds' }).transform((s) => new Date(s)),
]);

/** One event. `id` makes it idempotent: the same id sent again is stored once. */
export const eventSchema = z
  .strictObject({
    id: externalId('id').optional(),
    userId: externalId('userId'),
    itemId: externalId('itemId'),
    type: z.enum(EVENT_TYPES, { message: `type must be one of ${EVENT_TYPES.join(', ')}` }),
    value: z.number().finite().optional(),
    timestamp: timestamp.optional(),
  })
  .superRefine((e, ctx) => {
    if (e.type === 'rating' && (e.value === undefined || e.value < 1 || e.value > 5)) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'a rating needs a value from 1 to 5' });
    }
    if (e.type !== 'rating' && e.value !== undefined)
      ctx.addIssue({ code: 'custom', path: ['value'], message: `a ${e.type} event has no value (only ratings do)` });
  });
export type EventInput = z.infer<typeof eventSchema>;

export const eventsBodySchema = z.union([
  eventSchema,
  z.strictObject({
    events: z.array(z.unknown()).min(1, 'give at least one event').max(MAX_BATCH, `at most ${MAX_BATCH} events per request; use POST /api/imports for more`),
  }),
]);
