import { csvLine } from './csv-writer';

describe('csvLine', () => {
  it('writes RFC 4180 lines: quotes around commas, doubled quotes, kept line breaks', () => {
    expect(csvLine(['a', 'b,c', 'say "hi"', 'two\nlines'])).toBe('a,"b,c","say ""hi""","two\nlines"\r\n');
  });

  it('writes numbers, booleans, dates and empty cells as plain values', () => {
    expect(csvLine([-0.5, true, new Date('2026-01-02T03:04:05.000Z'), null, undefined])).toBe('-0.5,true,2026-01-02T03:04:05.000Z,,\r\n');
  });

  it('defuses text cells a spreadsheet would run as formulas', () => {
    expect(csvLine(['=HYPERLINK("http://x")', '+1', '-2', '@SUM(A1)'])).toBe(`"'=HYPERLINK(""http://x"")",'+1,'-2,'@SUM(A1)\r\n`);
  });
});
