import { intentTrainingOptions } from './intent-training-options';

describe('intent training options', () => {
  it('default to the recipe of the committed classifier', () => {
    const options = intentTrainingOptions([]);
    expect(options.train).toMatch(/banking77[/\\]train\.csv$/);
    expect(options).toMatchObject({
      seed: 42,
      heldOut: 0.1,
      useHidden: [256],
      ngramSpec: { type: 'hashed-ngrams', dimensions: 4096, wordNgrams: [1, 2], charNgrams: [3, 5] },
      epochs: 60,
      patience: 4,
      refit: true,
      decision: { threshold: 0.3, gap: 0.1 },
      register: true,
      gateway: '',
    });
  });

  it('read the flags: an empty --use-hidden is logistic regression, --test "" means no test report', () => {
    const options = intentTrainingOptions(['--use-hidden', '', '--test', '', '--ngram-dims', '64', '--refit', 'false', '--register', 'false', '--seed', '7']);
    expect(options).toMatchObject({ useHidden: [], test: '', refit: false, register: false, seed: 7, ngramSpec: { dimensions: 64 } });
  });
});
