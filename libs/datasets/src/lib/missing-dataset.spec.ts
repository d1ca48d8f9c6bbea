import { makeTempDir } from '../test-support/temp-files';
import { DatasetNotFoundError } from './dataset-errors';
import { loadBanking77 } from './intents/banking77';
import { loadBitextCustomerSupport } from './intents/bitext-customer-support';
import { loadIntentCsv } from './intents/intent-csv';
import { loadCocoVal2017Mini } from './coco/coco-dataset';
import { loadImageFolder } from './imagenet/image-folder';
import { loadMovieLens100k, loadMovieLensShippedSplits } from './movielens/movielens-100k';
import { loadSst2 } from './text/sst2';
import { loadTweetEval } from './text/tweeteval-sentiment';

describe('a missing dataset', () => {
  const empty = makeTempDir();
  const saved = process.env['DATASETS_DIR'];
  beforeAll(() => (process.env['DATASETS_DIR'] = empty.dir));
  afterAll(() => {
    if (saved === undefined) delete process.env['DATASETS_DIR'];
    else process.env['DATASETS_DIR'] = saved;
    empty.remove();
  });

  it.each([
    ['SST-2', () => loadSst2('dev'), 'sst2/dev.tsv'],
    ['TweetEval', () => loadTweetEval(), 'tweeteval-sentiment/mapping.txt'],
    ['Banking77', () => loadBanking77('test'), 'banking77/categories.json'],
    ['Bitext', () => loadBitextCustomerSupport(), 'bitext-customer-support-20k/TrainingdatasetBitextsample.csv'],
    ['MovieLens', () => loadMovieLens100k(), 'movielens-100k'],
    ['MovieLens splits', () => loadMovieLensShippedSplits(), 'movielens-100k'],
    ['ImageNet sample', () => loadImageFolder(), 'imagenet-sample/images'],
    ['COCO', () => loadCocoVal2017Mini(), 'coco-val2017-mini'],
  ])('%s: throws DatasetNotFoundError naming the path under DATASETS_DIR and the variable', (_set, load, relative) => {
    const path = `${empty.dir}/${relative}`;
    expect(load).toThrow(DatasetNotFoundError);
    expect(load).toThrow(`Dataset not found: ${path}. Set DATASETS_DIR`);
  });

  it('names an explicit path that does not exist', () => {
    expect(() => loadIntentCsv('/nowhere/eval.csv')).toThrow('Dataset not found: /nowhere/eval.csv');
  });
});
