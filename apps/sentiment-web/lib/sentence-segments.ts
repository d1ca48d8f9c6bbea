import type { SentenceResult } from './api-types';

export type TextSegment = { kind: 'gap'; text: string } | { kind: 'sentence'; text: string; sentence: SentenceResult; index: number };

/**
 * Splits the analysed text into the API's sentences and the text between them (spaces, line breaks),
 * so the page can show the text exactly as typed with each sentence highlighted. Offsets that do not
 * fit the text (overlapping, out of range, not matching the sentence) are not trusted: the sentences
 * are then shown one after another as the API returned them.
 */
export function sentenceSegments(text: string, sentences: SentenceResult[]): TextSegment[] {
  const ordered = sentences.map((sentence, index) => ({ sentence, index })).sort((a, b) => a.sentence.start - b.sentence.start);
  const segments: TextSegment[] = [];
  let cursor = 0;
  for (const { sentence, index } of ordered) {
    const valid =
      Number.isInteger(sentence.start) &&
      Number.isInteger(sentence.end) &&
      sentence.start >= cursor &&
      sentence.end > sentence.start &&
      sentence.end <= text.length;
    if (!valid) return fallbackSegments(sentences);
    if (sentence.start > cursor) segments.push({ kind: 'gap', text: text.slice(cursor, sentence.start) });
    segments.push({ kind: 'sentence', text: text.slice(sentence.start, sentence.end), sentence, index });
    cursor = sentence.end;
  }
  if (cursor < text.length) segments.push({ kind: 'gap', text: text.slice(cursor) });
  return segments;
}

function fallbackSegments(sentences: SentenceResult[]): TextSegment[] {
  const segments: TextSegment[] = [];
  sentences.forEach((sentence, index) => {
    if (index > 0) segments.push({ kind: 'gap', text: ' ' });
    segments.push({ kind: 'sentence', text: sentence.text, sentence, index });
  });
  return segments;
}
