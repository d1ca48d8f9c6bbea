import winkNLP, { type ItemCustomEntity, type ItemToken, type WinkMethods } from 'wink-nlp';
import winkModel from 'wink-eng-lite-web-model';

/** An aspect candidate: a span of the text. */
export interface AspectSpan {
  text: string;
  start: number;
  end: number;
}

/** Runs of nouns / proper nouns (up to three: "battery life", "wine list"): what review aspects mostly are. */
const NOUN_PHRASES = ['[NOUN|PROPN] [NOUN|PROPN] [NOUN|PROPN]', '[NOUN|PROPN] [NOUN|PROPN]', '[NOUN|PROPN]'];

/** Nouns that name no aspect of a product or service (time words, fillers). */
const NOT_ASPECTS = new Set([
  'time',
  'times',
  'thing',
  'things',
  'lot',
  'lots',
  'way',
  'day',
  'days',
  'night',
  'week',
  'year',
  'years',
  'bit',
  'kind',
  'one',
  'nothing',
  'everything',
  'something',
  'anything',
  'noon',
  'today',
  'yesterday',
  'tomorrow',
]);

let nlp: WinkMethods | undefined;

function winkWithAspects(): WinkMethods {
  if (!nlp) {
    nlp = winkNLP(winkModel);
    nlp.learnCustomEntities([{ name: 'aspect', patterns: NOUN_PHRASES }]);
  }
  return nlp;
}

/**
 * The aspects a text talks about: its noun phrases (wink-nlp part-of-speech patterns), with character
 * offsets into `text` (UTF-16 units), in text order, generic nouns left out.
 */
export function extractAspects(text: string): AspectSpan[] {
  const wink = winkWithAspects();
  const doc = wink.readDoc(text);
  // Token offsets: wink keeps each token's text, so find them in order.
  const offsets: Array<[number, number]> = [];
  let cursor = 0;
  doc.tokens().each((token: ItemToken) => {
    const value = token.out() as string;
    const at = text.indexOf(value, cursor);
    if (at < 0) {
      offsets.push([-1, -1]);
      return;
    }
    offsets.push([at, at + value.length]);
    cursor = at + value.length;
  });
  const aspects: AspectSpan[] = [];
  doc.customEntities().each((entity: ItemCustomEntity) => {
    const [first, last] = entity.out(wink.its.span) as unknown as [number, number];
    const start = offsets[first]?.[0] ?? -1;
    const end = offsets[last]?.[1] ?? -1;
    if (start < 0 || end <= start) return;
    const span = text.slice(start, end);
    if (NOT_ASPECTS.has(span.toLowerCase())) return;
    aspects.push({ text: span, start, end });
  });
  return aspects;
}

/** Every occurrence of `aspect` in `text` as a whole word, case-insensitive. */
export function findAspect(text: string, aspect: string): AspectSpan[] {
  const needle = aspect.trim();
  if (!needle) return [];
  const escaped = needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'giu');
  return [...text.matchAll(pattern)].map((m) => ({ text: m[0], start: m.index ?? 0, end: (m.index ?? 0) + m[0].length }));
}
