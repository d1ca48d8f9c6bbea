import { parseWith, ValidationError } from '@matrix/product-server';
import { analysisWhere, listQuerySchema, timeRange } from './analysis-filters';

describe('analysis filters', () => {
  it('parses a list query: label in any case, trimmed q, defaults for the page', () => {
    expect(parseWith(listQuerySchema, { label: 'mixed', q: ' late delivery ' })).toEqual({ label: 'MIXED', q: 'late delivery', page: 1, pageSize: 20 });
  });

  it('a date-only `to` covers its whole UTC day; a date-time is inclusive to the millisecond', () => {
    expect(timeRange({ from: '2026-03-01', to: '2026-03-01' })).toEqual({
      from: new Date('2026-03-01T00:00:00Z'),
      toExclusive: new Date('2026-03-02T00:00:00Z'),
    });
    expect(timeRange({ to: '2026-03-01T12:00:00Z' }).toExclusive).toEqual(new Date('2026-03-01T12:00:00.001Z'));
  });

  it('refuses unknown labels, bad dates and a range that ends before it starts, naming each', () => {
    const error = (() => {
      try {
        parseWith(listQuerySchema, { label: 'happy', from: 'yesterday' }, 'query');
      } catch (e) {
        return e as ValidationError;
      }
      throw new Error('accepted');
    })();
    expect(error.issues.map((i) => i.path)).toEqual(['label', 'from']);
    expect(error.issues[0].message).toBe('label must be one of POSITIVE, NEGATIVE, NEUTRAL, MIXED');
    expect(() => parseWith(listQuerySchema, { from: '2026-03-02', to: '2026-03-01' })).toThrow('from: from must not be after to');
  });

  it('searches case-insensitively on PostgreSQL too (SQLite LIKE already is)', () => {
    expect(analysisWhere({ q: 'Great' }, 'postgresql')).toEqual({ text: { contains: 'Great', mode: 'insensitive' } });
    expect(analysisWhere({ q: 'Great', label: 'POSITIVE', source: 'web' }, 'sqlite')).toEqual({
      text: { contains: 'Great' },
      label: 'POSITIVE',
      source: 'web',
    });
  });
});
