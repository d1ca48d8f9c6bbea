/**
 * Writes SST-2 train without every phrase that lies inside (or equals) a sentence of the SST-5 train
 * part `train-three-class` holds out (same seed and fractions), so a binary head trained on it with the
 * served recipe is clean on the rows choose-decision scores. Prints how many phrases were removed.
 * `node -r @swc-node/register apps/sentiment-api/training/three-class/clean-binary-train-set.ts -- --out tmp/three-class-choice/sst2-train-clean.tsv`
 */
import { writeFileSync } from 'node:fs';
import { loadLabelledTsv, sst2Path } from '@matrix/datasets';
import { cliArgs } from '@matrix/dev-harness';
import { trainingLog } from '@matrix/model-training';
import { normalisePhrase, phrasesInside } from './held-out-phrase-filter';
import { heldOutBySource, loadThreeClassRows } from './three-class-data';

const usage = `Usage: node -r @swc-node/register apps/sentiment-api/training/three-class/clean-binary-train-set.ts -- --out <tsv>
  --seed 42  --held-out-sst5 0.1  --held-out-tweets 0.25   must match the train-three-class run`;

function main() {
  const args = cliArgs(usage, { out: '', seed: '42', 'held-out-sst5': '0.1', 'held-out-tweets': '0.25' });
  if (!args.out) throw new Error(usage);
  const rows = loadThreeClassRows();
  const split = heldOutBySource(rows, { 'sst5-train': Number(args['held-out-sst5']), 'tweeteval-val': Number(args['held-out-tweets']) }, Number(args.seed));
  const heldOutSst5 = split.heldOut.filter((i) => rows[i].source === 'sst5-train').map((i) => rows[i].text);
  const phrases = loadLabelledTsv(sst2Path('train'));
  const removed = new Set(
    phrasesInside(
      phrases.map((p) => p.sentence),
      heldOutSst5,
    ),
  );
  const kept = phrases.filter((_, i) => !removed.has(i));
  // The phrases are written as read (trailing spaces included): only the set changes, not the texts.
  writeFileSync(args.out, ['sentence\tlabel', ...kept.map((p) => `${p.sentence}\t${p.label}`)].join('\n') + '\n');
  // How many held-out sentences SST-2 train holds whole (the tokenisation is the same: SST's own).
  const phraseSet = new Set(phrases.map((p) => normalisePhrase(p.sentence)));
  const wholeSentences = heldOutSst5.filter((s) => phraseSet.has(normalisePhrase(s)));
  trainingLog(
    `${heldOutSst5.length} held-out SST-5 train sentences (${wholeSentences.length} are SST-2 train phrases whole); removed ${removed.size} of ${phrases.length} SST-2 train phrases; wrote ${kept.length} to ${args.out}`,
  );
  console.log(
    JSON.stringify({
      heldOutSentences: heldOutSst5.length,
      heldOutSentencesInSst2: wholeSentences.length,
      sst2Phrases: phrases.length,
      removed: removed.size,
      kept: kept.length,
    }),
  );
}

main();
