import { formatCell, formatTable } from './format-table';

describe('formatTable', () => {
  it('aligns text columns left and numeric columns (header included) right under a dashed rule', () => {
    const table = formatTable([
      { model: 'bpr', ndcg: 0.44163, users: 943 },
      { model: 'popularity', ndcg: 0.1, users: 12 },
    ]);
    expect(table).toBe(['model         ndcg  users', '----------  ------  -----', 'bpr         0.4416    943', 'popularity  0.1000     12'].join('\n'));
  });

  it('takes an explicit column order and leaves missing cells blank', () => {
    expect(formatTable([{ a: 1, b: 'x' }, { a: 2 }], { columns: ['b', 'a'], digits: 2 })).toBe(['b  a', '-  -', 'x  1', '   2'].join('\n'));
  });

  it('returns an empty string when there are no columns', () => {
    expect(formatTable([])).toBe('');
  });
});

describe('formatCell', () => {
  it('prints integers as is, other numbers to the given digits, blanks for null', () => {
    expect(formatCell(3)).toBe('3');
    expect(formatCell(1 / 3, 3)).toBe('0.333');
    expect(formatCell(null)).toBe('');
    expect(formatCell(true)).toBe('true');
  });
});
