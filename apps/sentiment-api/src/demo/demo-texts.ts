import type { LabelledSentence } from '@matrix/datasets';

/** How many demo texts a first visitor finds analysed. */
export const DEMO_TEXT_COUNT = 12;

/** SST-2 is tokenised ("it 's slow -- very , very slow ."); a person reads "It's slow -- very, very slow." */
export function readableSentence(tokenised: string): string {
  const text = tokenised
    .trim()
    .replace(/\s+(n't|'s|'re|'ve|'ll|'d|'m)\b/g, '$1')
    .replace(/\s+([.,!?;:])/g, '$1')
    .replace(/\(\s+/g, '(')
    .replace(/\s+\)/g, ')');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The demo texts: the first sentences of the SST-2 dev set (movie reviews), positive and negative in turn, so the
 * history and the dashboard show both labels (and the neutral or mixed ones the model finds among them).
 */
export function pickDemoTexts(sentences: readonly LabelledSentence[], count = DEMO_TEXT_COUNT): string[] {
  const positive = sentences.filter((s) => s.label === 1 && s.sentence.split(' ').length >= 5);
  const negative = sentences.filter((s) => s.label === 0 && s.sentence.split(' ').length >= 5);
  const picked: string[] = [];
  for (let i = 0; picked.length < count && (i < positive.length || i < negative.length); i++) {
    for (const s of [positive[i], negative[i]]) if (s && picked.length < count) picked.push(readableSentence(s.sentence));
  }
  return picked;
}
