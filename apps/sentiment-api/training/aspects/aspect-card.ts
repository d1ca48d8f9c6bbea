import type { SentimentHeadConfig } from '@matrix/sentiment-model';
import type { EnsembleOptions, TrainedEnsemble } from '../three-class/three-class-ensemble';

export interface CvRow {
  domain: string;
  method: string;
  n: number;
  accuracy: number;
  macroF1: number;
}

export interface AspectCardInput {
  config: SentimentHeadConfig;
  command: string;
  seed: number;
  rows: number;
  cv: CvRow[];
  ensemble: TrainedEnsemble;
  options: Omit<EnsembleOptions, 'seed' | 'log'>;
  backend: string;
  bytes: number;
}

const f = (x: number) => x.toFixed(4);

/** MODEL_CARD.md of an aspect head version. */
export function renderAspectCard(c: AspectCardInput): string {
  const cv = c.cv.map((r) => `| ${r.domain} | ${r.method} | ${r.n} | ${f(r.accuracy)} | ${f(r.macroF1)} |`);
  const members = Object.entries(c.ensemble.members).map(([name, s]) => `| ${name} | ${f(s.accuracy)} | ${f(s.macroF1)} |`);
  return `# sentiment-aspect ${c.config.version}

Aspect (targeted) sentiment: the polarity toward one aspect of a text, read from the aspect's
clause (its sentence cut at contrastive connectives: \`aspectContext\` in @matrix/sentiment-model).
Output: softmax over [${c.config.labels.values.join(', ')}]. The sentiment API calls it for each aspect
(POST /api/analyze with \`targets: true\`, POST /api/analyze/targets).

## How it was made

- Command: \`${c.command}\` (seed ${c.seed}; TensorFlow.js ${c.backend})
- Data: SemEval-2014 Task 4 training parts (../shared/datasets/semeval14-absa: restaurants-train, laptops-train),
  ${c.rows} aspect occurrences. The test parts were not used (not in shared/).
- Members: ${c.options.headSeeds} MLPs 512 → ${c.options.hidden.join(' → ')} ReLU → dropout ${c.options.dropout} → 3 softmax on the clause's
  USE-lite embedding (kept epochs ${c.ensemble.headEpochs.join(', ')}), and a logistic regression on the clause's hashed word 1–2-grams
  (${c.ensemble.spec.dimensions} buckets); weights ${c.ensemble.weights.join(' / ')} chosen on 10% of the sentences held out.
- Artifact: ${c.bytes} bytes (weights quantized to uint8).

## Cross-validation (5 folds grouped by sentence; each fold's model as served, quantized)

| part | method | n | accuracy | macro-F1 |
|---|---|---|---|---|
${cv.join('\n')}

Published anchor (SemEval-2014 restaurants **test**, not comparable one to one with CV on train):
majority 65.0, TD-LSTM 75.6, IAN 78.6, AOA 81.2, BERT-SPC 84.5 accuracy.

## Served model, held-out sentences (10%)

| member | accuracy | macro-F1 |
|---|---|---|
${members.join('\n')}

## Serving

\`\`\`json
${JSON.stringify(c.config, null, 2)}
\`\`\`

## Limits

- Restaurant and laptop reviews; the aspect is located only through its clause, so two aspects of
  one clause with opposite polarity get the same answer.
- USE-lite sees the clause as one vector; negation scope beyond the clause is lost.
`;
}
