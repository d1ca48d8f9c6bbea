import { datasetName } from './dataset-name';

describe('datasetName', () => {
  it('prefixes bare split names with their folder', () => {
    expect(datasetName('../shared/datasets/sst2/dev.tsv')).toBe('sst2-dev');
    expect(datasetName('/data/imdb/test.tsv')).toBe('imdb-test');
  });
  it('keeps a descriptive file name as it is', () => {
    expect(datasetName('/tmp/support-tickets.tsv')).toBe('support-tickets');
    expect(datasetName('reviews.txt')).toBe('reviews');
  });
});
