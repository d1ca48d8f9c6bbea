import type { Page, PageRequest } from '@matrix/product-contract';
import { z } from 'zod';

export type { Page, PageRequest };

export interface PaginationOptions {
  defaultPageSize?: number;
  maxPageSize?: number;
}

/** Query fields `page` (default 1) and `pageSize` (default 20, at most 100), coerced from the query string. */
export function paginationShape({ defaultPageSize = 20, maxPageSize = 100 }: PaginationOptions = {}) {
  return {
    page: z.coerce.number().int('page must be a whole number').min(1, 'page starts at 1').max(1_000_000).default(1),
    pageSize: z.coerce
      .number()
      .int('pageSize must be a whole number')
      .min(1, 'pageSize must be at least 1')
      .max(maxPageSize, `pageSize may be at most ${maxPageSize}`)
      .default(defaultPageSize),
  };
}

/** Prisma's skip/take for a page: page 3 of 20 skips 40 and takes 20. */
export function toSkipTake({ page, pageSize }: PageRequest): { skip: number; take: number } {
  return { skip: (page - 1) * pageSize, take: pageSize };
}

export function toPage<T>(items: T[], total: number, request: PageRequest): Page<T> {
  return { items, page: request.page, pageSize: request.pageSize, total, totalPages: Math.ceil(total / request.pageSize) };
}
