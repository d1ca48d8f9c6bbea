import type { SentimentHeadConfig } from '@matrix/sentiment-model';
import type { EpochRecord } from '@matrix/model-training';

export interface ModelCardFacts {
  config: SentimentHeadConfig;
  command: string;
  trainFile: string;
  trainRows: number;
  heldOutRows: number;
  droppedRows: number;
  devFile: string;
  devRows: number;
  seed: number;
  architecture: string;
  parameters: number;
  hyperparameters: Record<string, string | number>;
  bestEpoch: number;
  epochs: EpochRecord[];
  dev: { accuracy: number; macroF1: number; accuracyCi: [number, number] };
  trainingSeconds: number;
  embedding: { model: string; version: string; seconds?: number; fromCache: boolean };
  backend: string;
  artifactBytes: number;
  /** When the served model averages the embedding head with a token head: each alone on dev, and how the token head trained. */
  members?: {
    embeddingHead: { accuracy: number; macroF1: number };
    embeddingHeads: { count: number; accuracy: number; macroF1: number };
    tokenWeight: number;
    tokenHead: { accuracy: number; macroF1: number; architecture: string; bestEpoch: number; epochs: EpochRecord[]; seconds: number };
    /** The NB-weighted n-gram logistic regression, when trained. */
    ngramHead?: { accuracy: number; macroF1: number; architecture: string; bestEpoch: number; epochs: EpochRecord[]; seconds: number };
    /** Member weights in the average: embedding heads, token head[, n-gram head]. */
    weights: number[];
  };
}

function curveTable(epochs: EpochRecord[], bestEpoch: number): string {
  const rows = epochs.map(
    (e) =>
      `| ${e.epoch}${e.epoch === bestEpoch ? ' (kept)' : ''} | ${f4(e.trainLoss)} | ${f4(e.heldOutLoss)} | ${f4(e.heldOutAccuracy)} | ${e.seconds.toFixed(1)} |`,
  );
  return ['| epoch | train loss | held-out loss | held-out acc | s |', '|---|---|---|---|---|', ...rows].join('\n');
}

function membersSection(facts: ModelCardFacts): string {
  const m = facts.members;
  if (!m) return '';
  const [wEmbedding, wToken, wNgram] = m.weights;
  const ngram = m.ngramHead;
  return `
## ${ngram ? 'Three' : 'Two'} kinds of head, averaged

The served model averages the class probabilities of ${m.embeddingHeads.count} embedding heads (seeds ${facts.seed}…${facts.seed + m.embeddingHeads.count - 1}, same
recipe), a token head${ngram ? ' and an n-gram head' : ''}, all trained on the same phrases and split:
${wEmbedding}·mean(embedding heads) + ${wToken}·token head${ngram ? ` + ${wNgram}·n-gram head` : ''}. The weights were chosen on the held-out
phrases (best held-out accuracy on a 0.1 grid, ties to equal weights), never on dev.

| head | SST-2 dev accuracy | macro-F1 |
|---|---|---|
| embedding head (seed ${facts.seed}): ${facts.architecture} | ${f4(m.embeddingHead.accuracy)} | ${f4(m.embeddingHead.macroF1)} |
| mean of the ${m.embeddingHeads.count} embedding heads | ${f4(m.embeddingHeads.accuracy)} | ${f4(m.embeddingHeads.macroF1)} |
| token head: ${m.tokenHead.architecture} | ${f4(m.tokenHead.accuracy)} | ${f4(m.tokenHead.macroF1)} |
${ngram ? `| n-gram head: ${ngram.architecture} | ${f4(ngram.accuracy)} | ${f4(ngram.macroF1)} |\n` : ''}| **weighted average (served, weights quantized to uint8)** | **${f4(facts.dev.accuracy)}** | **${f4(facts.dev.macroF1)}** |

The token head reads the text's USE SentencePiece ids (the gateway tokenizes: manifest
\`preprocessing.tokenizer\`); its embedding starts from USE's own subword table (read from the
use-lite-en weights, projected to its top principal directions). It trained ${m.tokenHead.epochs.length} epochs in
${m.tokenHead.seconds.toFixed(0)} s, epoch ${m.tokenHead.bestEpoch} kept:

${curveTable(m.tokenHead.epochs, m.tokenHead.bestEpoch)}
${
  ngram
    ? `
The n-gram head is NBSVM (Wang & Manning, 2012) as a logistic regression: the text's hashed word
n-grams (the gateway computes them: manifest \`preprocessing.features\`, the same function as here),
each scaled by its Naive Bayes log-count ratio from the training phrases, with an L2 prior; served as
one value per bucket (ratio × weight). It trained ${ngram.epochs.length} epochs in ${ngram.seconds.toFixed(0)} s, epoch ${ngram.bestEpoch} kept:

${curveTable(ngram.epochs, ngram.bestEpoch)}
`
    : ''
}`;
}

const f4 = (x: number) => x.toFixed(4);

/** MODEL_CARD.md: how the head was made and how good it is, for people deciding whether to ship it. */
export function renderModelCard(facts: ModelCardFacts): string {
  const hyper = Object.entries(facts.hyperparameters)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  return `# sentiment-head ${facts.config.version}

Binary sentiment classifier head served by the inference gateway on top of the
\`${facts.embedding.model}\` sentence embeddings (Universal Sentence Encoder lite, 512-d).
Output: softmax over [${facts.config.labels.values.join(', ')}].

## Result

| set | rows | accuracy | macro-F1 |
|---|---|---|---|
| SST-2 dev (${facts.devFile}) | ${facts.devRows} | **${f4(facts.dev.accuracy)}** (95% bootstrap CI ${f4(facts.dev.accuracyCi[0])}–${f4(facts.dev.accuracyCi[1])}) | ${f4(facts.dev.macroF1)} |

Predicted positive when P(positive) ≥ 0.5. The dev set was **not** used for training or model
selection: early stopping watched ${facts.heldOutRows} held-out sentence-like phrases of train (seeded).

## How it was made

- Command: \`${facts.command}\`
- Data: GLUE SST-2 train (${facts.trainFile}): ${facts.trainRows + facts.heldOutRows + facts.droppedRows} phrases. ${facts.trainRows} trained the head;
  ${facts.heldOutRows} phrases of 10+ words (with every longer phrase containing them) were held out for early stopping, and
  their ${facts.droppedRows} sub-phrases of 3+ words were left out of training. SST-2 train holds every phrase of each
  parse tree, so a plain random split leaks halves of held-out sentences into training: its held-out loss kept
  falling for 12+ epochs while dev accuracy peaked around epoch 3–5.
- Embeddings: gateway \`/v1/embed\`, ${facts.embedding.model}@${facts.embedding.version}${
    facts.embedding.seconds !== undefined ? `, ${facts.embedding.seconds.toFixed(0)} s for the train set when the cache was filled` : ''
  }${facts.embedding.fromCache ? ' (read from the on-disk cache in this run)' : ''}.
- Model: ${facts.members ? 'embedding head ' : ''}${facts.architecture}${facts.members ? ', averaged with the heads below' : ''}; ${facts.parameters} parameters; ${facts.artifactBytes} bytes on disk.
- Training: TensorFlow.js ${facts.backend}, Adam, ${hyper}; seed ${facts.seed}.
- Epochs: ${facts.epochs.length} run, epoch ${facts.bestEpoch} kept (lowest held-out loss); training time ${facts.trainingSeconds.toFixed(0)} s.

${curveTable(facts.epochs, facts.bestEpoch)}
${membersSection(facts)}
## Serving

Gateway manifest entry (config.json here), registered with
\`GatewayClient.registerModel('sentiment-head', config, {'model.json', 'weights.bin'})\`:

\`\`\`json
${JSON.stringify(facts.config, null, 2)}
\`\`\`

## Limits

- Trained on English movie-review phrases (SST-2); other domains (tickets, tweets) will score lower.
- Binary: there is no neutral class. The product derives NEUTRAL from a probability near 0.5.
- USE lite sees a whole sentence as one vector: negation and contrast ("not bad", "but") are its
  main error source${facts.members ? '; the token head sees only the first ' + String(facts.config.preprocessing.maxTokens) + ' subword tokens of a text' : ''}.
`;
}
