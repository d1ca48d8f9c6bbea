import type { EpochRecord } from '@matrix/model-training';
import type { MemberScore } from './three-class-ensemble';
import type { SentimentHeadConfig } from '@matrix/sentiment-model';
import type { HashedNgramSpec } from '@matrix/tokenization';

export interface ThreeClassCardInput {
  config: SentimentHeadConfig;
  command: string;
  seed: number;
  counts: { total: number; train: number; heldOut: number };
  hidden: number[];
  heads: number;
  headEpochs: number[];
  ngramEpochs: EpochRecord[];
  spec: HashedNgramSpec;
  weights: number[];
  members: Record<string, MemberScore>;
  sources: Record<string, MemberScore & { n: number }>;
  embedding: { model: string; version: string; seconds: number; fromCache: boolean };
  backend: string;
  bytes: number;
  balanced: boolean;
}

const f = (x: number) => x.toFixed(4);

const BALANCED_LINE = [
  "- Classes weighed equally: each class's training rows repeated up to the largest class's count (`--balance true`, the",
  '  default: chosen on the held-out rows, where it gave the better macro-F1 after `choose-decision.ts`; see Served decision).',
  '',
].join('\n');

/** MODEL_CARD.md of a three-class head version: what it is, how it was made, what it scored held out. */
export function renderThreeClassCard(c: ThreeClassCardInput): string {
  const rows = Object.entries(c.members).map(([name, s]) => `| ${name} | ${f(s.accuracy)} | ${f(s.macroF1)} | ${f(s.macroRecall)} |`);
  const sources = Object.entries(c.sources).map(([name, s]) => `| ${name} | ${s.n} | ${f(s.accuracy)} | ${f(s.macroF1)} | ${f(s.macroRecall)} |`);
  return `# sentiment-3class ${c.config.version}

Three-class sentence sentiment (negative / neutral / positive) served by the inference gateway; the
sentiment API labels each sentence with it (the binary \`sentiment-head\` still gives
positiveProbability). Output: softmax over [${c.config.labels.values.join(', ')}].

## How it was made

- Command: \`${c.command}\` (seed ${c.seed}; TensorFlow.js ${c.backend})
- Data: SST-5 train (../shared/datasets/sst5/train.tsv, labels 1–2 → negative, 3 → neutral, 4–5 → positive) and
  TweetEval sentiment val (../shared/datasets/tweeteval-sentiment, 2,000 tweets): ${c.counts.total} texts.
  ${c.counts.train} trained the heads; ${c.counts.heldOut} (a seeded 10% of SST-5 train and 25% of the tweets) were held out for
  early stopping and the member weights. **Nothing was chosen on SST-5 dev or SST-2 dev** (SST-2 dev is inside SST-5 dev);
  SST-5 test is the yardstick (\`npx nx run sentiment-api:evaluate -- --task three-class\`).
${c.balanced ? BALANCED_LINE : ''}- Embeddings: gateway \`/v1/embed\`, ${c.embedding.model}@${c.embedding.version}${c.embedding.fromCache ? ' (from the on-disk cache)' : ` (${c.embedding.seconds.toFixed(0)} s)`}.
- Members: ${c.heads} MLPs ${c.hidden.length ? `512 → ${c.hidden.join(' → ')} ReLU → dropout → 3 softmax` : '512 → 3 softmax'} (kept epochs ${c.headEpochs.join(', ')}),
  and a logistic regression on hashed word ${c.spec.wordNgrams.join('–')}-grams (${c.spec.dimensions} buckets; kept epoch
  ${c.ngramEpochs.reduce((b, e) => (e.heldOutLoss < b.heldOutLoss ? e : b)).epoch} of ${c.ngramEpochs.length}).
  Weights ${c.weights.join(' / ')} (embedding heads / n-gram head), chosen on the held-out rows (best accuracy on a 0.1 grid).
- Artifact: ${c.bytes} bytes (weights quantized to uint8).

## Held-out result

| member | accuracy | macro-F1 | macro-recall |
|---|---|---|---|
${rows.join('\n')}

| held-out source (served model) | n | accuracy | macro-F1 | macro-recall |
|---|---|---|---|---|
${sources.join('\n')}

## Serving

\`\`\`json
${JSON.stringify(c.config, null, 2)}
\`\`\`

## Limits

- Movie-review sentences and tweets; reviews of hotels, products and tickets are another domain.
- SST-5's "neutral" (3) is a wide band: many mildly opinionated sentences carry it.
- MIXED is not a class: the API derives it from sentence labels (see label-rules.ts).
`;
}
