import { join } from 'node:path';
import { banking77Dir } from '@matrix/datasets';
import { cliArgs } from '@matrix/dev-harness';
import type { HashedNgramSpec } from '@matrix/tokenization';
import { intentModelDir } from '../src/model/intent-artifact';

export const usage = `Usage: npx nx run support-chatbot-api:train -- [flags]
  --train <csv>          text,category rows (default: Banking77 train.csv)
  --test <csv>           reported in the model card only, never used to train or tune (default: Banking77 test.csv; '' = none)
  --seed 42              seeds the held-out split, initial weights, dropout and batch order
  --held-out 0.1         share of train held out for early stopping and the ensemble weight
  --use-hidden 256       hidden ReLU widths of the USE head ('' = logistic regression)
  --ngram-dims 4096      hashed n-gram buckets (the linear head has dims × intents weights)
  --epochs 60 --patience 4 --dropout 0.3 --lr 0.002 --ngram-lr 0.01 --batch 64 --label-smoothing 0.05
  --refit true           after tuning, retrain both heads on all of train for their best epoch counts
  --threshold 0.3 --gap 0.1   the decision rule shipped with the model (Rasa's defaults)
  --out <dir>            artifact folder (default: apps/support-chatbot-api/model/intent-classifier)
  --gateway <url>        a running gateway; if absent one is started and stopped afterwards
  --register true        register the model with the gateway and check it agrees with the local heads`;

/** The intent classifier's training flags, typed. */
export interface IntentTrainingOptions {
  train: string;
  /** '' = no test report. */
  test: string;
  seed: number;
  heldOut: number;
  useHidden: number[];
  ngramSpec: HashedNgramSpec;
  epochs: number;
  patience: number;
  dropout: number;
  lr: number;
  ngramLr: number;
  batch: number;
  labelSmoothing: number;
  refit: boolean;
  decision: { threshold: number; gap: number };
  out: string;
  gateway: string;
  register: boolean;
}

export function intentTrainingOptions(argv = process.argv.slice(2)): IntentTrainingOptions {
  const args = cliArgs(
    usage,
    {
      train: join(banking77Dir(), 'train.csv'),
      test: join(banking77Dir(), 'test.csv'),
      seed: '42',
      'held-out': '0.1',
      'use-hidden': '256',
      'ngram-dims': '4096',
      epochs: '60',
      patience: '4',
      dropout: '0.3',
      lr: '0.002',
      'ngram-lr': '0.01',
      batch: '64',
      'label-smoothing': '0.05',
      refit: 'true',
      threshold: '0.3',
      gap: '0.1',
      out: intentModelDir(),
      gateway: '',
      register: 'true',
    },
    argv,
  );
  return {
    train: args.train,
    test: args.test,
    seed: Number(args.seed),
    heldOut: Number(args['held-out']),
    useHidden: args['use-hidden'].trim() === '' ? [] : args['use-hidden'].split(',').map(Number),
    ngramSpec: { type: 'hashed-ngrams', dimensions: Number(args['ngram-dims']), wordNgrams: [1, 2], charNgrams: [3, 5] },
    epochs: Number(args.epochs),
    patience: Number(args.patience),
    dropout: Number(args.dropout),
    lr: Number(args.lr),
    ngramLr: Number(args['ngram-lr']),
    batch: Number(args.batch),
    labelSmoothing: Number(args['label-smoothing']),
    refit: args.refit === 'true',
    decision: { threshold: Number(args.threshold), gap: Number(args.gap) },
    out: args.out,
    gateway: args.gateway,
    register: args.register === 'true',
  };
}
