import { remapOffset, type Redaction } from '@matrix/privacy';
import type { ScoredText } from '../scoring/sentiment-scorer';

/**
 * A scored text as it is stored: the text with its PII replaced (`redaction` of `scored.text`), and every offset the
 * scorer computed on the original text moved onto the redacted one (remapOffset), so `text.slice(start, end)` of the
 * stored text still gives each stored sentence and aspect. A range that cut into a piece of PII now covers its whole
 * placeholder; sentence and aspect texts are re-read from the redacted text, so no copy of the PII survives in them.
 * The scores are the model's on the original text.
 */
export function redactScored(scored: ScoredText, redaction: Redaction): ScoredText {
  if (redaction.spans.length === 0) return scored;
  const { spans, text } = redaction;
  const range = (start: number, end: number) => ({ start: remapOffset(spans, start, 'start'), end: remapOffset(spans, end, 'end') });
  return {
    ...scored,
    text,
    sentences: scored.sentences.map((sentence) => {
      const moved = range(sentence.start, sentence.end);
      return { ...sentence, ...moved, text: text.slice(moved.start, moved.end) };
    }),
    ...(scored.aspects
      ? {
          aspects: scored.aspects.map((aspect) => {
            const moved = range(aspect.start, aspect.end);
            return { ...aspect, ...moved, text: text.slice(moved.start, moved.end), context: range(aspect.context.start, aspect.context.end) };
          }),
        }
      : {}),
  };
}
