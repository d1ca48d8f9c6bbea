import type { Prisma } from '@matrix/db';
import { paginationShape } from '@matrix/product-server';
import { z } from 'zod';
import { LABELS } from '../scoring/label-rules';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 24 * 60 * 60 * 1000;

/** `2026-03-01` (a whole UTC day) or an ISO date-time with a zone (`2026-03-01T12:00:00Z`). */
const dateParam = (name: string) =>
  z
    .string()
    .trim()
    .refine((value) => (DATE_ONLY.test(value) || z.iso.datetime({ offset: true }).safeParse(value).success) && !Number.isNaN(Date.parse(value)), {
      message: `${name} must be a date (2026-03-01) or an ISO date-time with a zone (2026-03-01T12:00:00Z)`,
    });

export const analysisFilterShape = {
  label: z
    .string()
    .transform((value) => value.trim().toUpperCase())
    .pipe(z.enum(LABELS, { message: `label must be one of ${LABELS.join(', ')}` }))
    .optional(),
  /** Substring of the text (case-insensitive). */
  q: z.string().trim().min(1).max(200, 'q may be at most 200 characters').optional(),
  source: z.string().trim().min(1).max(100).optional(),
  jobId: z.string().trim().min(1).max(100).optional(),
  /** From this instant (inclusive); a date means its start (00:00 UTC). */
  from: dateParam('from').optional(),
  /** Up to this instant (inclusive); a date means the whole day (UTC). */
  to: dateParam('to').optional(),
};

const rangeInOrder = (value: { from?: unknown; to?: unknown }) =>
  typeof value.from !== 'string' || typeof value.to !== 'string' || Date.parse(value.from) <= Date.parse(value.to);

/** A query schema: the filters plus a route's own parameters, with from ≤ to checked. */
export function filterQuery<Extra extends z.ZodRawShape>(extra: Extra) {
  return z.object({ ...analysisFilterShape, ...extra }).refine(rangeInOrder, { message: 'from must not be after to', path: ['from'] });
}

export const analysisFilterSchema = filterQuery({});
export type AnalysisFilters = z.infer<typeof analysisFilterSchema>;

export const listQuerySchema = filterQuery(paginationShape());
export type ListQuery = z.infer<typeof listQuerySchema>;

/** createdAt bounds as [from, toExclusive): a date-only `to` covers its whole day. */
export function timeRange(filters: Pick<AnalysisFilters, 'from' | 'to'>): { from?: Date; toExclusive?: Date } {
  const from = filters.from ? new Date(filters.from) : undefined;
  let toExclusive: Date | undefined;
  if (filters.to) toExclusive = DATE_ONLY.test(filters.to) ? new Date(Date.parse(filters.to) + DAY_MS) : new Date(Date.parse(filters.to) + 1);
  return { from, toExclusive };
}

/**
 * The Prisma where clause of the filters. PostgreSQL's `contains` is case-sensitive, SQLite's LIKE
 * is not (for ASCII): on PostgreSQL we ask for `mode: 'insensitive'` so both behave alike.
 */
export function analysisWhere(filters: AnalysisFilters, provider: 'sqlite' | 'postgresql'): Prisma.SentimentAnalysisWhereInput {
  const { from, toExclusive } = timeRange(filters);
  const where: Prisma.SentimentAnalysisWhereInput = {};
  if (filters.label) where.label = filters.label;
  if (filters.source) where.source = filters.source;
  if (filters.jobId) where.jobId = filters.jobId;
  if (filters.q) {
    const contains = { contains: filters.q, ...(provider === 'postgresql' ? { mode: 'insensitive' } : {}) };
    where.text = contains as Prisma.StringFilter;
  }
  if (from || toExclusive) where.createdAt = { ...(from ? { gte: from } : {}), ...(toExclusive ? { lt: toExclusive } : {}) };
  return where;
}
