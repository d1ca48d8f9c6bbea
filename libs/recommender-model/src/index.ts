// What recommender serving reads of a trained version, and the scoring math it shares with training and evaluation.
export * from './lib/recommender-artifact';
export * from './lib/biased-mf-model';
export * from './lib/factor-ranker';
export * from './lib/ease-scores';
export * from './lib/item-neighbours';
export * from './lib/l2-normalise';
export * from './lib/trained-recommender';
export * from './lib/training-progress';
