import { DatasetFormatError } from '../dataset-errors';
import { makeTempDir } from '../../test-support/temp-files';
import { loadLabelledTsv } from './labelled-tsv';

describe('loadLabelledTsv', () => {
  const temp = makeTempDir();
  afterAll(() => temp.remove());

  it('reads rows with or without the "sentence<TAB>label" header', () => {
    const withHeader = temp.write('with.tsv', 'sentence\tlabel\ngood film \t1\nbad film\t0\n');
    const without = temp.write('without.tsv', 'good film \t1\r\n\r\nbad film\t0');
    const expected = [
      { sentence: 'good film ', label: 1 },
      { sentence: 'bad film', label: 0 },
    ];
    expect(loadLabelledTsv(withHeader)).toEqual(expected);
    expect(loadLabelledTsv(without)).toEqual(expected);
  });

  it.each([
    ['a label other than 0/1', 'fine\t1\nworse\t2\n', 2, /label must be 0 or 1, found "2"/],
    ['a row without a tab', 'fine\t1\nok\t0\nno tab here\n', 3, /2 fields\), found 1/],
    ['a row with an extra field', 'sentence\tlabel\nfine\t1\tx\n', 2, /found 3/],
    ['an empty sentence', '\t1\n', 1, /empty sentence/],
    ['a header anywhere but the first line', 'fine\t1\nsentence\tlabel\n', 2, /found "label"/],
  ])('rejects %s with its line number', (_case, content, line, message) => {
    const path = temp.write('bad.tsv', content);
    const load = () => loadLabelledTsv(path);
    expect(load).toThrow(DatasetFormatError);
    expect(load).toThrow(`${path}:${line}:`);
    expect(load).toThrow(message);
  });
});
