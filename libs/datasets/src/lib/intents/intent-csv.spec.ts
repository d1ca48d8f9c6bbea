import { DatasetFormatError } from '../dataset-errors';
import { makeTempDir } from '../../test-support/temp-files';
import { OUT_OF_SCOPE_CATEGORY, loadIntentCsv } from './intent-csv';

describe('loadIntentCsv', () => {
  const temp = makeTempDir();
  afterAll(() => temp.remove());

  it('keeps quoted commas and line breaks, ignores extra columns, accepts oos rows and a BOM', () => {
    const path = temp.write('eval.csv', '\ufeffid,text,category\n1,"Hi, where is\nmy card?",card_arrival\n\n2,what is the weather,oos\n');
    expect(loadIntentCsv(path)).toEqual([
      { text: 'Hi, where is\nmy card?', category: 'card_arrival' },
      { text: 'what is the weather', category: OUT_OF_SCOPE_CATEGORY },
    ]);
  });

  it('names the line a short row starts on, counting quoted line breaks before it', () => {
    // Line 1 header, lines 2-3 one quoted row, line 4 the bad row.
    const path = temp.write('short.csv', 'text,category\n"two\nlines",a\nno category here\n');
    expect(() => loadIntentCsv(path)).toThrow(`${path}:4: expected 2 fields (text,category), found 1`);
  });

  it.each([
    ['a header without category', 'text,label\nhello,a\n', 1, /missing column\(s\) category/],
    ['an empty category', 'text,category\nhello,a\nbye,\n', 3, /empty category/],
    ['an unterminated quote', 'text,category\nhello,a\n"bye,b\n', 3, /Quoted field unterminated/],
  ])('rejects %s with its line number', (_case, content, line, message) => {
    const path = temp.write('bad.csv', content);
    expect(() => loadIntentCsv(path)).toThrow(DatasetFormatError);
    expect(() => loadIntentCsv(path)).toThrow(`${path}:${line}:`);
    expect(() => loadIntentCsv(path)).toThrow(message);
  });
});
