/** One sentence of a text: `text === original.slice(start, end)` (offsets in UTF-16 code units, as JS strings index). */
export interface SentenceSpan {
  text: string;
  start: number;
  end: number;
}

export interface SplitOptions {
  /**
   * A sentence longer than this (a run-on line with no punctuation) is cut at the last clause
   * mark or space before the limit, so no piece is unboundedly long; nothing is ever dropped.
   */
  maxSentenceChars?: number;
}

// Titles and the like are followed by a name or number, practically never by a new sentence.
const NEVER_FINAL = new Set([
  'mr',
  'mrs',
  'ms',
  'mx',
  'dr',
  'prof',
  'sr',
  'jr',
  'st',
  'mt',
  'ft',
  'gen',
  'col',
  'capt',
  'cpt',
  'lt',
  'sgt',
  'rev',
  'hon',
  'pres',
  'gov',
  'sen',
  'rep',
  'messrs',
  'mme',
  'mlle',
  'vs',
  'v',
  'cf',
  'e.g',
  'i.e',
  'viz',
  'no',
  'nos',
  'vol',
  'fig',
  'figs',
  'pp',
  'p',
  'ch',
  'sec',
  'art',
  'op',
  'ed',
  'eds',
  'approx',
  'ca',
  'est',
]);
// These may end a sentence ("…, etc. Then"): a boundary only when the next word is capitalised.
const MAYBE_FINAL = new Set([
  'etc',
  'inc',
  'ltd',
  'co',
  'corp',
  'llc',
  'plc',
  'bros',
  'dept',
  'univ',
  'assn',
  'ave',
  'blvd',
  'rd',
  'hwy',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'mon',
  'tue',
  'tues',
  'wed',
  'thu',
  'thurs',
  'fri',
  'sat',
  'sun',
  'a.m',
  'p.m',
  'u.s',
  'u.k',
  'u.s.a',
  'e.u',
  'ph.d',
  'b.a',
  'm.a',
  'b.sc',
  'm.sc',
  'al',
  'esp',
  'min',
  'max',
  'hr',
  'hrs',
  'yr',
  'yrs',
]);

const CLOSERS = `"'”’»)]}`;
const OPENERS = `"'“‘«([{¿¡`;
// Sentence-final marks of scripts that do not put a space after them (CJK, Devanagari…).
const SPACELESS_TERMINALS = '。！？｡।';
// A terminal run: ASCII/Unicode marks, then any closing quotes/brackets.
const TERMINAL = /[.!?…‽]+|[。！？｡।]+/gu;

function isUpperStart(ch: string): boolean {
  return ch.toLowerCase() !== ch && ch.toUpperCase() === ch;
}

function isLowerStart(ch: string): boolean {
  return ch.toUpperCase() !== ch && ch.toLowerCase() === ch;
}

/** Letters or digits in any script (or an emoji/symbol run): a piece worth scoring on its own. */
function hasContent(text: string): boolean {
  return /[\p{L}\p{N}\p{Extended_Pictographic}]/u.test(text);
}

/** The word just before position `at` (the punctuation), e.g. "Dr" for "… Dr." or "U.S" for "U.S.". */
function wordBefore(text: string, at: number): { word: string; start: number } {
  let start = at;
  while (start > 0 && !/[\s"'“‘«([{]/u.test(text[start - 1])) start--;
  return { word: text.slice(start, at), start };
}

/** Is this position the start of a line (only spaces/tabs since the last newline or the start)? */
function atLineStart(text: string, at: number): boolean {
  for (let i = at - 1; i >= 0; i--) {
    if (text[i] === '\n') return true;
    if (text[i] !== ' ' && text[i] !== '\t') return false;
  }
  return true;
}

/**
 * Decides whether the terminal run text[markStart, markEnd) (closers included up to `afterClosers`)
 * ends a sentence, given the next non-space character.
 */
function endsSentence(text: string, markStart: number, markEnd: number, afterClosers: number, next: string): boolean {
  const marks = text.slice(markStart, markEnd);
  const closed = afterClosers > markEnd;
  if (SPACELESS_TERMINALS.includes(marks[marks.length - 1])) return true;
  const nextIsLower = isLowerStart(next);
  const nextIsUpperOrOpener = isUpperStart(next) || OPENERS.includes(next) || /\p{N}/u.test(next);
  // '"Stop!" she said.' — a quoted exclamation inside a sentence.
  if (closed && nextIsLower) return false;
  // Ellipsis: a pause ("well... maybe") unless a new sentence visibly starts.
  if (marks.includes('…') || marks.includes('..')) return nextIsUpperOrOpener;
  if (marks !== '.') return true; // "?", "!", "?!", "!!!"
  const { word, start } = wordBefore(text, markStart);
  const lower = word.toLowerCase();
  if (NEVER_FINAL.has(lower)) return false;
  // An initial ("J. K. Rowling"), or a one-letter abbreviation.
  if (/^\p{Lu}$/u.test(word)) return false;
  if (MAYBE_FINAL.has(lower) || /^(\p{L}\.)+\p{L}$/u.test(word)) return nextIsUpperOrOpener && !nextIsLower;
  // A list marker: "1. First point" at the start of a line.
  if (/^\d{1,3}$/.test(word) && atLineStart(text, start)) return false;
  return true;
}

/** The positions where a sentence ends (exclusive), in order, from punctuation and line breaks. */
function boundaries(text: string): number[] {
  const cuts = new Set<number>();
  TERMINAL.lastIndex = 0;
  for (let match = TERMINAL.exec(text); match; match = TERMINAL.exec(text)) {
    const markStart = match.index;
    const markEnd = markStart + match[0].length;
    let afterClosers = markEnd;
    while (afterClosers < text.length && CLOSERS.includes(text[afterClosers])) afterClosers++;
    const spaceless = SPACELESS_TERMINALS.includes(match[0][match[0].length - 1]);
    // Decimals, versions, URLs, e-mails ("3.14", "v1.2", "example.com") have no space after the dot.
    if (afterClosers < text.length && !spaceless && !/\s/u.test(text[afterClosers])) continue;
    let next = afterClosers;
    while (next < text.length && /\s/u.test(text[next])) next++;
    if (next >= text.length) continue; // the text's own end
    if (endsSentence(text, markStart, markEnd, afterClosers, text[next])) cuts.add(afterClosers);
  }
  // Line breaks: a blank line always ends a sentence (paragraph); a single break does unless the
  // next line carries on in lower case (a hard-wrapped sentence).
  const lineBreak = /[ \t]*\r?\n\s*/g;
  for (let match = lineBreak.exec(text); match; match = lineBreak.exec(text)) {
    const after = match.index + match[0].length;
    if (after >= text.length || match.index === 0) continue;
    const blankLine = (match[0].match(/\n/g) ?? []).length >= 2;
    if (blankLine || !isLowerStart(text[after])) cuts.add(match.index);
  }
  return [...cuts].sort((a, b) => a - b);
}

/** Splits an over-long piece at clause marks or spaces so each part is at most `max` characters. */
function capLength(span: SentenceSpan, source: string, max: number): SentenceSpan[] {
  const parts: SentenceSpan[] = [];
  let start = span.start;
  while (span.end - start > max) {
    const window = source.slice(start, start + max);
    const clause = Math.max(window.lastIndexOf('; '), window.lastIndexOf(', '), window.lastIndexOf(': '));
    const space = window.search(/\s\S*$/u);
    let cut = clause > max / 2 ? clause + 1 : space > 0 ? space : max;
    // Never cut a surrogate pair (emoji) in half.
    if (/[\uD800-\uDBFF]/.test(source[start + cut - 1] ?? '')) cut++;
    parts.push(trimmed(source, start, start + cut));
    start += cut;
    while (start < span.end && /\s/u.test(source[start])) start++;
  }
  if (start < span.end) parts.push(trimmed(source, start, span.end));
  return parts.filter((part) => part.end > part.start);
}

function trimmed(source: string, from: number, to: number): SentenceSpan {
  let start = from;
  let end = to;
  while (start < end && /\s/u.test(source[start])) start++;
  while (end > start && /\s/u.test(source[end - 1])) end--;
  return { text: source.slice(start, end), start, end };
}

/**
 * Splits a text into sentences with their offsets in the original text. Handles abbreviations
 * (Dr., e.g., etc.), initials, decimals and URLs, ellipses, quoted speech ('"Stop!" she said'),
 * list markers, CJK punctuation and line breaks. Every non-blank character of the input lies in
 * exactly one sentence: long texts are split, never truncated. Pieces with no letters or digits
 * ("---", "!!!") are merged into the sentence before them (or after, at the start).
 */
export function splitSentences(text: string, options: SplitOptions = {}): SentenceSpan[] {
  const max = options.maxSentenceChars ?? 1000;
  const pieces: SentenceSpan[] = [];
  let from = 0;
  for (const cut of [...boundaries(text), text.length]) {
    const piece = trimmed(text, from, cut);
    from = cut;
    if (piece.end === piece.start) continue;
    if (!hasContent(piece.text)) {
      const previous = pieces[pieces.length - 1];
      if (previous) pieces[pieces.length - 1] = { ...previous, end: piece.end, text: text.slice(previous.start, piece.end) };
      else pieces.push(piece); // merged into the next one below
      continue;
    }
    const previous = pieces[pieces.length - 1];
    if (previous && !hasContent(previous.text))
      pieces[pieces.length - 1] = { start: previous.start, end: piece.end, text: text.slice(previous.start, piece.end) };
    else pieces.push(piece);
  }
  return pieces.flatMap((piece) => (piece.end - piece.start > max ? capLength(piece, text, max) : [piece]));
}
