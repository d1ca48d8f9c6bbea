import { DatasetFormatError } from '../dataset-errors';
import { makeTempDir } from '../../test-support/temp-files';
import { loadTweetEval } from './tweeteval-sentiment';

describe('TweetEval sentiment', () => {
  it('loads the 2,000 validation tweets with mapping.txt names', () => {
    const { labelNames, examples } = loadTweetEval();
    expect(labelNames).toEqual(['negative', 'neutral', 'positive']);
    expect(examples).toHaveLength(2000);
    // First line of val_text.txt / val_labels.txt.
    expect(examples[0]).toEqual({
      text: 'Dark Souls 3 April Launch Date Confirmed With New Trailer: Embrace the darkness. ',
      label: 1,
      labelName: 'neutral',
    });
    // `sort val_labels.txt | uniq -c`: 312 negative, 869 neutral, 819 positive.
    const counts = [0, 1, 2].map((label) => examples.filter((example) => example.label === label).length);
    expect(counts).toEqual([312, 869, 819]);
  });

  describe('malformed folders', () => {
    const temp = makeTempDir();
    afterAll(() => temp.remove());
    temp.write('mapping.txt', '0\tnegative\n1\tpositive\n');

    it('rejects a label id missing from mapping.txt, naming the line', () => {
      temp.write('val_text.txt', 'a\nb\n');
      const labels = temp.write('val_labels.txt', '0\n2\n');
      expect(() => loadTweetEval(temp.dir)).toThrow(`${labels}:2:`);
    });

    it('rejects text and label files of different lengths', () => {
      temp.write('val_text.txt', 'a\nb\nc\n');
      temp.write('val_labels.txt', '0\n1\n');
      expect(() => loadTweetEval(temp.dir)).toThrow(DatasetFormatError);
      expect(() => loadTweetEval(temp.dir)).toThrow('3 tweets but 2 labels');
    });
  });
});
