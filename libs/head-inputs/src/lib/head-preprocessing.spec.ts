import { checkHeadInputs, parseHeadPreprocessing } from './head-preprocessing';

describe('parseHeadPreprocessing', () => {
  it('reads the embedding model, the tokenizer (maxTokens 64 by default) and the hashed n-gram features', () => {
    const features = { type: 'hashed-ngrams', dimensions: 16, wordNgrams: [1, 2], charNgrams: [0, 0] };
    expect(parseHeadPreprocessing('m', { embeddingModel: 'use-lite-en', tokenizer: 'use-sentencepiece', features })).toEqual({
      embeddingModel: 'use-lite-en',
      tokens: { tokenizer: 'use-sentencepiece', maxTokens: 64 },
      features,
    });
  });

  it('refuses what a head cannot be fed, naming the model', () => {
    expect(() => parseHeadPreprocessing('m', undefined)).toThrow("model 'm': a tensor text classifier needs preprocessing.embeddingModel");
    expect(() => parseHeadPreprocessing('m', { tokenizer: 'bpe' })).toThrow("model 'm': preprocessing.tokenizer must be one of use-sentencepiece");
    expect(() => parseHeadPreprocessing('m', { tokenizer: 'use-sentencepiece', maxTokens: 0 })).toThrow('maxTokens must be an integer from 1 to 1024');
    expect(() => parseHeadPreprocessing('m', { embeddingModel: 'e', features: { type: 'bag' } })).toThrow(
      "model 'm': preprocessing.features: features.type must be 'hashed-ngrams'",
    );
  });
});

describe('checkHeadInputs', () => {
  it('refuses a model whose inputs and preprocessing disagree', () => {
    expect(() => checkHeadInputs('m', ['embedding'], { tokens: { tokenizer: 'use-sentencepiece', maxTokens: 8 } })).toThrow(
      "names a tokenizer but has no 'input_ids' input",
    );
    expect(() => checkHeadInputs('m', ['input_ids', 'embedding'], { embeddingModel: 'e' })).toThrow('its preprocessing names no tokenizer');
    expect(() => checkHeadInputs('m', ['feature_ids', 'feature_values'], { embeddingModel: 'e' })).toThrow('its preprocessing names no features');
    expect(() =>
      checkHeadInputs('m', ['embedding', 'feature_ids'], {
        embeddingModel: 'e',
        features: { type: 'hashed-ngrams', dimensions: 4, wordNgrams: [1, 1], charNgrams: [0, 0] },
      }),
    ).not.toThrow();
  });
});
