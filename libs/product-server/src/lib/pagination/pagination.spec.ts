import { z } from 'zod';
import { parseWith } from '../validation/zod-validation';
import { ValidationError } from '../validation/validation-error';
import { paginationShape, toPage, toSkipTake } from './pagination';

describe('pagination', () => {
  const query = z.object(paginationShape());

  it('defaults to page 1 of 20 and coerces query-string numbers', () => {
    expect(parseWith(query, {})).toEqual({ page: 1, pageSize: 20 });
    expect(parseWith(query, { page: '3', pageSize: '50' })).toEqual({ page: 3, pageSize: 50 });
  });

  it('refuses page 0, fractions and oversized pages with a 422 naming the field', () => {
    for (const bad of [{ page: '0' }, { page: '1.5' }, { pageSize: '101' }, { pageSize: 'ten' }]) {
      const error = (() => {
        try {
          parseWith(query, bad, 'query');
        } catch (e) {
          return e as ValidationError;
        }
        throw new Error('accepted ' + JSON.stringify(bad));
      })();
      expect(error.status).toBe(422);
      expect(error.issues[0].path).toBe(Object.keys(bad)[0]);
    }
    expect(() => parseWith(query, { pageSize: '101' }, 'query')).toThrow('invalid query: pageSize: pageSize may be at most 100');
  });

  it('turns a page into skip/take', () => {
    expect(toSkipTake({ page: 1, pageSize: 20 })).toEqual({ skip: 0, take: 20 });
    expect(toSkipTake({ page: 3, pageSize: 20 })).toEqual({ skip: 40, take: 20 });
  });

  it('reports totals: 41 items at 20 a page are 3 pages', () => {
    expect(toPage(['a'], 41, { page: 3, pageSize: 20 })).toEqual({ items: ['a'], page: 3, pageSize: 20, total: 41, totalPages: 3 });
    expect(toPage([], 0, { page: 1, pageSize: 20 }).totalPages).toBe(0);
  });

  it('honours a product’s own default and maximum', () => {
    const custom = z.object(paginationShape({ defaultPageSize: 50, maxPageSize: 500 }));
    expect(parseWith(custom, {})).toEqual({ page: 1, pageSize: 50 });
    expect(parseWith(custom, { pageSize: '500' }).pageSize).toBe(500);
  });
});
