import { sentimentTrainingOptions } from './sentiment-training-options';
import { sentimentPreprocessing } from './write-sentiment-artifact';

describe('sentiment training options', () => {
  it('default to the three-member recipe of the committed head', () => {
    const options = sentimentTrainingOptions([]);
    expect(options).toMatchObject({
      seed: 42,
      heldOut: 0.1,
      register: true,
      head: { hidden: [256], dropout: 0.5, l2: 0, lr: 0.001, batch: 256, labelSmoothing: 0.05, epochs: 30, patience: 3, seeds: 3 },
      token: { maxTokens: 48, tableDim: 128, ngrams: [2, 3], filters: 128, hidden: [128], dropout: 0.3, wordDropout: 0.1, epochs: 3 },
      ngram: { spec: { type: 'hashed-ngrams', dimensions: 262144, wordNgrams: [1, 2], charNgrams: [0, 0] }, l2: 0.0001, lr: 0.003 },
    });
    expect(sentimentPreprocessing(options)).toEqual({
      embeddingModel: 'use-lite-en',
      tokenizer: 'use-sentencepiece',
      maxTokens: 48,
      features: options.ngram?.spec,
    });
  });

  it('--token-head false serves the embedding head alone (no n-gram head either)', () => {
    const options = sentimentTrainingOptions(['--token-head', 'false', '--hidden', '']);
    expect([options.token, options.ngram, options.head.hidden]).toEqual([undefined, undefined, []]);
    expect(sentimentPreprocessing(options)).toEqual({ embeddingModel: 'use-lite-en' });
  });

  it('--ngram-words 1 is unigrams; a bad seed or hidden width is refused', () => {
    expect(sentimentTrainingOptions(['--ngram-words', '1']).ngram?.spec.wordNgrams).toEqual([1, 1]);
    expect(() => sentimentTrainingOptions(['--seed', '1.5'])).toThrow('--seed must be an integer');
    expect(() => sentimentTrainingOptions(['--hidden', '0'])).toThrow('--hidden a list of positive integers');
  });
});
