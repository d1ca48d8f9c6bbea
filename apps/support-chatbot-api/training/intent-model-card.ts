import type { EpochRecord } from '@matrix/model-training';
import type { IntentClassifierConfig } from '../src/model/intent-artifact';

export interface MemberReport {
  name: string;
  architecture: string;
  parameters: number;
  bestEpoch: number;
  epochs: EpochRecord[];
  learningRate: number;
  heldOutAccuracy: number;
  testAccuracy?: number;
}

export interface IntentModelCardFacts {
  config: IntentClassifierConfig;
  command: string;
  trainFile: string;
  trainRows: number;
  heldOutRows: number;
  seed: number;
  refit: boolean;
  members: MemberReport[];
  ensemble: { weight: number; heldOutAccuracy: number; notAnsweredRate: number; answeredAccuracy: number };
  test?: { file: string; rows: number; accuracy: number; macroF1: number };
  embedding: { model: string; version: string; seconds?: number; fromCache: boolean };
  backend: string;
  artifactBytes: number;
  labelSmoothing: number;
  batchSize: number;
}

const f4 = (x: number) => x.toFixed(4);

/** MODEL_CARD.md of an intent-classifier version: what it is, how it was made, how good it is. */
export function renderIntentModelCard(facts: IntentModelCardFacts): string {
  const memberRows = facts.members
    .map(
      (m, i) =>
        `| \`${m.name}\` | ${m.architecture} | ${m.parameters} | ${m.learningRate} | ${m.bestEpoch} of ${m.epochs.length} | ${f4(m.heldOutAccuracy)} | ${m.testAccuracy === undefined ? '–' : f4(m.testAccuracy)} | ${facts.config.members[i].weight.toFixed(2)} |`,
    )
    .join('\n');
  const curves = facts.members
    .map(
      (m) =>
        `### ${m.name}\n\n| epoch | train loss | held-out loss | held-out acc | s |\n|---|---|---|---|---|\n${m.epochs.map((e) => `| ${e.epoch}${e.epoch === m.bestEpoch ? ' (best)' : ''} | ${f4(e.trainLoss)} | ${f4(e.heldOutLoss)} | ${f4(e.heldOutAccuracy)} | ${e.seconds.toFixed(1)} |`).join('\n')}`,
    )
    .join('\n\n');
  return `# intent-classifier ${facts.config.version}

Intent classifier of the support chatbot: ${facts.config.labels.length} intents (Banking77 by default). Two heads whose softmax
outputs are averaged (weights below) inside ONE model, \`${facts.config.model}\`, that the inference gateway serves
(\`averagedModel\`, libs/model-training), so the API makes one \`/v1/classify\` call and combines nothing itself:

- \`${facts.members[0]?.name}\`: an MLP on \`${facts.embedding.model}\` sentence embeddings (Universal Sentence Encoder lite, 512-d), computed by the gateway;
- \`${facts.members[1]?.name}\`: a linear softmax on hashed word 1–2-grams and character 3–5-grams (inside word boundaries),
  computed by the gateway from the text with the same featuriser as in training (libs/tokenization); trained on the dense
  vectors, served reading them sparse (\`feature_ids\`/\`feature_values\`, libs/head-inputs) with the same weights.

Decision rule shipped with it (Rasa's FallbackClassifier defaults): top-1 probability below **${facts.config.decision.threshold}** → hand
off to a human; top-1 minus top-2 below **${facts.config.decision.gap}** → ask the customer to rephrase (both count as "not answered").

## Result

| set | rows | accuracy | macro-F1 | not answered | accuracy when answered |
|---|---|---|---|---|---|
| held-out part of train (tuning) | ${facts.heldOutRows} | ${f4(facts.ensemble.heldOutAccuracy)} | – | ${(facts.ensemble.notAnsweredRate * 100).toFixed(1)}% | ${f4(facts.ensemble.answeredAccuracy)} |
${facts.test ? `| test (${facts.test.file}) | ${facts.test.rows} | **${f4(facts.test.accuracy)}** | ${f4(facts.test.macroF1)} | see evaluate | see evaluate |\n` : ''}
The test set was used for this report only: every choice (epochs, ensemble weight) was made on the held-out rows.
\`npx nx run support-chatbot-api:evaluate\` measures the served pipeline (gateway + API + decision rule) on it.

| member | architecture | parameters | learning rate | best epoch | held-out acc | test acc | weight |
|---|---|---|---|---|---|---|---|
${memberRows}

## How it was made

- Command: \`${facts.command}\`
- Data: ${facts.trainFile}, ${facts.trainRows} rows. A seeded random ${facts.heldOutRows} rows (seed ${facts.seed}) were held out for early
  stopping and for the ensemble weight (grid 0, 0.05, …, 1, best held-out accuracy).${
    facts.refit ? ' Then both heads were retrained on all rows for the number of epochs early stopping had chosen.' : ''
  }
- Embeddings: gateway \`/v1/embed\`, ${facts.embedding.model}@${facts.embedding.version}${facts.embedding.seconds !== undefined ? `, ${facts.embedding.seconds.toFixed(0)} s for the train set when the cache was filled` : ''}${facts.embedding.fromCache ? ' (read from the on-disk cache in this run)' : ''}.
- Training: TensorFlow.js ${facts.backend}, Adam, batch ${facts.batchSize}, label smoothing ${facts.labelSmoothing}; seed ${facts.seed}.
- Size: ${facts.artifactBytes} bytes of model files.

${curves}

## Serving

\`config.json\` holds the gateway manifest entry of the one model (inputs: the \`${facts.embedding.model}\` embedding and the
text's hashed n-grams); the API registers it with \`GatewayClient.registerModel(config.model, config.gateway, {model.json, weights.bin})\`
at boot when the gateway lacks it. \`members\` lists the averaged heads and their weights for reports only.

## Limits

- English banking questions only; a question about anything else gets low or split probabilities, which the decision
  rule (and the knowledge-base similarity floor in the API) turns into a handoff.
- Banking77 has near-duplicate intents (e.g. \`card_arrival\` / \`card_delivery_estimate\`, the \`pending_*\` family): most
  errors are between them, and the ambiguity gap catches many of those as "please rephrase".
`;
}
