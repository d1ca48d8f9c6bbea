import { sst2Path } from '@matrix/datasets';
import { cliArgs } from '@matrix/dev-harness';
import type { HashedNgramSpec } from '@matrix/tokenization';
import { sentimentModelDir } from '@matrix/sentiment-model';

export const usage = `Usage: npx nx run sentiment-api:train -- [flags]
  --train <tsv>          training phrases, sentence<TAB>label (default: SST-2 train.tsv)
  --dev <tsv>            test set, never used for training or early stopping (default: SST-2 dev.tsv)
  --seed 42              seeds the held-out split, initial weights, dropout and batch order
  --epochs 30            most epochs; early stopping on the held-out loss usually ends sooner
  --patience 3           epochs without a better held-out loss before stopping
  --hidden 256           hidden ReLU layer widths, comma-separated ('' = logistic regression)
  --dropout 0.5  --l2 0  --lr 0.001  --batch 256  --label-smoothing 0.05  --held-out 0.1
  --out <dir>            artifact folder (default: apps/sentiment-api/model/sentiment-head)
  --gateway <url>        a running gateway; if absent one is started and stopped afterwards
  --register true        register the new version with the gateway and check /v1/classify
  --token-head true      also train the token head (USE subword ids → embedding from USE's table → mean + n-gram
                         maps) and serve the average of both heads; false = the embedding head alone
  --max-tokens 48  --table-dim 128  --ngrams 2,3  --filters 128  --token-hidden 128  --token-dropout 0.3
  --word-dropout 0.1  --token-epochs 3
  --head-seeds 3         embedding heads (seeds seed, seed+1, …) averaged in the served model
  --ngram-head true      also train an NB-weighted logistic regression on hashed word n-grams (with the token head)
  --ngram-dims 262144  --ngram-words 1,2  --ngram-l2 0.0001  --ngram-lr 0.003`;

const list = (value: string) => (value.trim() === '' ? [] : value.split(',').map(Number));

/** The sentiment head's training flags, typed. */
export interface SentimentTrainingOptions {
  train: string;
  dev: string;
  seed: number;
  heldOut: number;
  out: string;
  gateway: string;
  register: boolean;
  /** The embedding head (MLP on USE embeddings). */
  head: { hidden: number[]; dropout: number; l2: number; lr: number; batch: number; labelSmoothing: number; epochs: number; patience: number; seeds: number };
  /** The token head; undefined = the embedding head alone is served. */
  token?: { maxTokens: number; tableDim: number; ngrams: number[]; filters: number; hidden: number[]; dropout: number; wordDropout: number; epochs: number };
  /** The n-gram head (with the token head only). */
  ngram?: { spec: HashedNgramSpec; l2: number; lr: number };
}

export function sentimentTrainingOptions(argv = process.argv.slice(2)): SentimentTrainingOptions {
  const args = cliArgs(
    usage,
    {
      train: sst2Path('train'),
      dev: sst2Path('dev'),
      seed: '42',
      epochs: '30',
      patience: '3',
      hidden: '256',
      dropout: '0.5',
      l2: '0',
      lr: '0.001',
      batch: '256',
      'label-smoothing': '0.05',
      'held-out': '0.1',
      out: sentimentModelDir(),
      gateway: '',
      register: 'true',
      'token-head': 'true',
      'max-tokens': '48',
      'table-dim': '128',
      ngrams: '2,3',
      filters: '128',
      'token-hidden': '128',
      'token-dropout': '0.3',
      'word-dropout': '0.1',
      'token-epochs': '3',
      'head-seeds': '3',
      'ngram-head': 'true',
      'ngram-dims': '262144',
      'ngram-words': '1,2',
      'ngram-l2': '0.0001',
      'ngram-lr': '0.003',
    },
    argv,
  );
  const seed = Number(args.seed);
  const hidden = list(args.hidden);
  if (!Number.isInteger(seed) || hidden.some((h) => !Number.isInteger(h) || h <= 0))
    throw new Error('--seed must be an integer and --hidden a list of positive integers');
  const tokenHead = args['token-head'] === 'true';
  const [wMin, wMax] = args['ngram-words'].split(',').map(Number);
  return {
    train: args.train,
    dev: args.dev,
    seed,
    heldOut: Number(args['held-out']),
    out: args.out,
    gateway: args.gateway,
    register: args.register === 'true',
    head: {
      hidden,
      dropout: Number(args.dropout),
      l2: Number(args.l2),
      lr: Number(args.lr),
      batch: Number(args.batch),
      labelSmoothing: Number(args['label-smoothing']),
      epochs: Number(args.epochs),
      patience: Number(args.patience),
      seeds: Number(args['head-seeds']),
    },
    token: tokenHead
      ? {
          maxTokens: Number(args['max-tokens']),
          tableDim: Number(args['table-dim']),
          ngrams: list(args.ngrams),
          filters: Number(args.filters),
          hidden: list(args['token-hidden']),
          dropout: Number(args['token-dropout']),
          wordDropout: Number(args['word-dropout']),
          epochs: Number(args['token-epochs']),
        }
      : undefined,
    ngram:
      tokenHead && args['ngram-head'] === 'true'
        ? {
            spec: { type: 'hashed-ngrams', dimensions: Number(args['ngram-dims']), wordNgrams: [wMin, wMax ?? wMin], charNgrams: [0, 0] },
            l2: Number(args['ngram-l2']),
            lr: Number(args['ngram-lr']),
          }
        : undefined,
  };
}
