import { interactionsFromCsv, interactionsFromMovieLens, itemsFromCsv, itemsFromMovieLens, MOVIELENS_GENRES } from './import-parsers';

describe('import parsers', () => {
  it('reads u.data lines as rating events with stable ids, and rejects malformed lines by number', () => {
    const parsed = interactionsFromMovieLens('196\t242\t3\t881250949\n\n186\t302\tx\t891717742\n22\t377\t1\n');
    expect(parsed.rows).toEqual([{ row: 1, value: { id: 'ml-196-242', userId: '196', itemId: '242', type: 'rating', value: 3, timestamp: 881250949 } }]);
    expect(parsed.rejected.map((r) => r.row)).toEqual([3, 4]);
    expect(parsed.rejected[0].reason).toMatch(/4 whole numbers/);
  });

  it('reads u.item lines: genres from the flags become categories and part of the metadata text', () => {
    const flags = MOVIELENS_GENRES.map((g) => (['Animation', "Children's", 'Comedy'].includes(g) ? '1' : '0'));
    const parsed = itemsFromMovieLens(`1|Toy Story (1995)|01-Jan-1995||http://x|${flags.join('|')}\n2|Bad|row\n`);
    expect(parsed.rows[0].value).toEqual({
      id: '1',
      title: 'Toy Story (1995)',
      description: "Toy Story (1995). Genres: Animation, Children's, Comedy. Released 01-Jan-1995.",
      categories: ['Animation', "Children's", 'Comedy'],
    });
    expect(parsed.rejected).toEqual([{ row: 2, reason: expect.stringMatching(/got 3 fields/) }]);
  });

  it('reads interaction and item CSVs by header name, and names missing columns', () => {
    const events = interactionsFromCsv('userId,itemId,type,value,timestamp,id\nu1,i1,rating,4,1700000000,e1\nu2,i2,view,,2026-11-26T10:00:00Z,\n');
    expect(events.rows.map((r) => r.value)).toEqual([
      { id: 'e1', userId: 'u1', itemId: 'i1', type: 'rating', value: 4, timestamp: 1_700_000_000 },
      { userId: 'u2', itemId: 'i2', type: 'view', timestamp: '2026-11-26T10:00:00Z' },
    ]);
    expect(() => interactionsFromCsv('user,item\n1,2\n')).toThrow('the CSV header must name the column(s) userId, itemId, type (found: user, item)');
    const items = itemsFromCsv('id,title,categories\nsku-1,"Red shoe, size 9",Shoes|Red\n');
    expect(items.rows[0].value).toEqual({ id: 'sku-1', title: 'Red shoe, size 9', description: '', categories: ['Shoes', 'Red'] });
  });
});
