/**
 * The part of a text an aspect's sentiment is read from: its sentence, cut at contrastive
 * connectives ("The room was spotless and the staff lovely, | but breakfast was cold."), since an
 * opinion on one side of a "but" says little about the other. Offsets are UTF-16 units of `text`.
 * The aspect head is trained and served on exactly these spans.
 */
export interface AspectContext {
  start: number;
  end: number;
  text: string;
}

/** Where a new span starts: after sentence punctuation or a semicolon, and before a contrastive connective. */
const BREAKS = /[.!?;]+\s*|(?:^|\s)(?=(?:but|although|though|however|whereas|yet|except|while|nevertheless)\b)/gi;

/** The span of `text` around [from, to) between the nearest breaks (the whole text when it has none). */
export function aspectContext(text: string, from: number, to: number): AspectContext {
  if (!(from >= 0 && to <= text.length && from <= to)) throw new RangeError(`aspect offsets [${from}, ${to}) are outside the text (length ${text.length})`);
  let start = 0;
  let end = text.length;
  for (const match of text.matchAll(BREAKS)) {
    const at = (match.index ?? 0) + match[0].length;
    const breakStart = match.index ?? 0;
    if (at <= from) start = at;
    else if (breakStart >= to) {
      // The span keeps its own closing punctuation.
      end = /^[.!?;]/.test(match[0]) ? breakStart + match[0].trimEnd().length : breakStart;
      break;
    }
  }
  while (start < from && /\s/.test(text[start])) start++;
  while (end > to && /\s/.test(text[end - 1])) end--;
  return { start, end, text: text.slice(start, end) };
}
