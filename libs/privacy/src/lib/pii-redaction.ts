/**
 * PII redaction before storage (issue 14). The products keep what end users type (chat messages, texts to analyse,
 * CSV rows); before such text is written it goes through `redactPii`, which replaces
 *
 * - e-mail addresses                                   → `[email]`
 * - phone numbers (international `+44 20 7946 0958`, `0044…`, national `020 7946 0958`, `(555) 123-4567`,
 *   `555-123-4567`, `06 12 34 56 78`)                   → `[phone]`
 * - payment card numbers (13–19 digits, spaces or dashes between groups, Luhn-checked) → `[card]`
 * - IBANs (country, check digits, 11–30 letters/digits, grouped or not, ISO 13616 mod-97 checked) → `[iban]`
 *
 * and reports every span it replaced (offsets in the original text and in the redacted one, UTF-16 code units as
 * JavaScript strings index them), so a caller that stored offsets computed on the original text (sentence or aspect
 * offsets) can move them onto the redacted text with `remapOffset`.
 *
 * Deliberately conservative on numbers: plain digit runs, dates, times, prices and decimals are not phones, an invalid
 * Luhn sequence is not a card and an IBAN-shaped string with wrong check digits is not an IBAN — so ordinary numbers in
 * reviews and questions ("order 12345678", "2024-01-15", "$1,299.99") survive.
 */

export type PiiKind = 'email' | 'phone' | 'card' | 'iban';

/** Every kind, in the order they are detected (an earlier kind wins a span both would claim). */
export const PII_KINDS: readonly PiiKind[] = ['email', 'iban', 'card', 'phone'];

export const PII_PLACEHOLDERS: Readonly<Record<PiiKind, string>> = {
  email: '[email]',
  phone: '[phone]',
  card: '[card]',
  iban: '[iban]',
};

/** One replaced piece of PII. */
export interface PiiSpan {
  kind: PiiKind;
  /** Offsets in the original text (end exclusive). */
  start: number;
  end: number;
  /** Offsets of its placeholder in the redacted text (end exclusive). */
  redactedStart: number;
  redactedEnd: number;
}

export interface Redaction {
  /** The text with every span replaced by its placeholder (the original when nothing was found). */
  text: string;
  /** What was replaced, in text order. */
  spans: PiiSpan[];
}

interface Found {
  kind: PiiKind;
  start: number;
  end: number;
}

// --- checks -----------------------------------------------------------------------------------------------------

/** Luhn (mod 10) check of a digit string. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** ISO 13616 IBAN check (spaces ignored, any case): length 15–34, country letters, check digits, mod 97 = 1. */
export function ibanValid(value: string): boolean {
  const iban = value.replace(/ /g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const code = ch.charCodeAt(0);
    const part = code >= 65 ? String(code - 55) : ch; // A=10 … Z=35
    for (const digit of part) remainder = (remainder * 10 + (digit.charCodeAt(0) - 48)) % 97;
  }
  return remainder === 1;
}

// --- detectors ----------------------------------------------------------------------------------------------------

// Letters/digits of any script, so "josé.müller@exämple.de" and text around it in any language are handled.
const EMAIL =
  /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?)*\.\p{L}{2,}(?![\p{L}\p{N}])/gu;

// A maximal run of groups separated by single spaces; the longest prefix of whole groups that checks out wins.
const IBAN =
  /(?<![\p{L}\p{N}])[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]{1,4}){3,8}(?![\p{L}\p{N}])|(?<![\p{L}\p{N}])[A-Za-z]{2}\d{2}[A-Za-z0-9]{11,30}(?![\p{L}\p{N}])/gu;

// Digits with at most one space or dash between them; 13–19 digits in all.
const CARD = /(?<![\p{L}\p{N}])\d(?:[ -]?\d){12,18}(?![\p{L}\p{N}])/gu;

// A phone-shaped run: optional + or 00, digits, spaces, dots, dashes and parentheses, ending on a digit.
const PHONE = /(?<![\p{L}\p{N}_+.,/-])(?:\+|\(\+?)?\d[\d ().-]{5,22}\d(?![\p{L}\p{N}_]|[.,/-]\d)/gu;

function* matches(pattern: RegExp, text: string): Generator<RegExpExecArray> {
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) yield m;
}

function findEmails(text: string): Found[] {
  return [...matches(EMAIL, text)].map((m) => ({ kind: 'email', start: m.index, end: m.index + m[0].length }));
}

function findIbans(text: string): Found[] {
  const found: Found[] = [];
  for (const m of matches(IBAN, text)) {
    const groups = m[0].split(' ');
    // "GB82 WEST 1234 5698 7654 32 and" must not swallow "and": try whole groups, longest first.
    for (let n = groups.length; n >= 1; n--) {
      const candidate = groups.slice(0, n).join(' ');
      if (ibanValid(candidate)) {
        found.push({ kind: 'iban', start: m.index, end: m.index + candidate.length });
        break;
      }
    }
  }
  return found;
}

function findCards(text: string): Found[] {
  const found: Found[] = [];
  for (const m of matches(CARD, text)) {
    const groups = m[0].split(/[ -]/);
    // A run of a card number then another number ends in extra groups: try whole groups, longest first.
    for (let n = groups.length; n >= 1; n--) {
      const kept = groups.slice(0, n);
      const digits = kept.join('');
      if (digits.length < 13) break;
      if (digits.length > 19 || !luhnValid(digits)) continue;
      found.push({ kind: 'card', start: m.index, end: m.index + kept.join(' ').length });
      break;
    }
  }
  return found;
}

const DATE_LIKE = [
  /^\d{4}[-./ ]\d{1,2}[-./ ]\d{1,2}$/, // 2024-01-15
  /^\d{1,2}[-./ ]\d{1,2}[-./ ]\d{2,4}$/, // 15.01.2024, 01 02 2024
  /^\d{1,2}[-./ ]\d{1,2}[-./ ]\d{2,4} \d{1,2}[.:]\d{2}$/,
];
const NANP = /^\(?\d{3}\)?[ .-]?\d{3}[ .-]\d{4}$/; // (555) 123-4567, 555-123-4567, 555.123.4567

/** Whether a phone-shaped run is a phone number rather than an ordinary number, date, time or amount. */
function phoneLike(raw: string): boolean {
  const digits = raw.replace(/\D/g, '');
  const international = raw.startsWith('+') || raw.startsWith('(+') || /^00[1-9]/.test(digits);
  if (digits.length < 8 || digits.length > 15) return false;
  if (DATE_LIKE.some((d) => d.test(raw))) return false;
  // Unbalanced parentheses: not one number.
  if ((raw.match(/\(/g) ?? []).length !== (raw.match(/\)/g) ?? []).length) return false;
  // Runs of separators ("1 - 2") or a decimal point followed by fewer than 2 digits read as prose or amounts.
  if (/[ .-]{2,}/.test(raw.replace(/\) /g, ')'))) return false;
  if (international) return digits.length >= 8;
  if (NANP.test(raw)) return true;
  // National numbers begin with the trunk prefix 0 (most of Europe, UK, Australia…) or an area code in parentheses.
  if (raw.startsWith('(') && /^\(\d{2,5}\)/.test(raw)) return digits.length >= 8;
  if (digits.startsWith('0') && !digits.startsWith('00')) {
    // 0612345678 (no separators) or 020 7946 0958 / 06 12 34 56 78 / 030-1234567: 9–11 digits, all groups ≥ 2 digits.
    if (digits.length < 9 || digits.length > 12) return false;
    const groups = raw.split(/[ .-]/);
    return groups.every((g) => g.replace(/\D/g, '').length >= 2);
  }
  return false;
}

function findPhones(text: string): Found[] {
  const found: Found[] = [];
  for (const m of matches(PHONE, text)) {
    // "rated 5 0612 345 678": the run may carry other numbers before or after; try its space-separated pieces,
    // longest first, and keep what reads as a phone number.
    const pieces = m[0].split(' ');
    const offsets: number[] = [];
    let at = 0;
    for (const piece of pieces) {
      offsets.push(at);
      at += piece.length + 1;
    }
    let i = 0;
    while (i < pieces.length) {
      let matched = 0;
      for (let j = pieces.length; j > i; j--) {
        const candidate = pieces.slice(i, j).join(' ');
        if (/^(?:\(\+?|\+)?\d/.test(candidate) && /\d$/.test(candidate) && phoneLike(candidate)) {
          found.push({ kind: 'phone', start: m.index + offsets[i], end: m.index + offsets[i] + candidate.length });
          matched = j - i;
          break;
        }
      }
      i += matched || 1;
    }
  }
  return found;
}

const DETECTORS: Record<PiiKind, (text: string) => Found[]> = {
  email: findEmails,
  iban: findIbans,
  card: findCards,
  phone: findPhones,
};

// --- redaction ----------------------------------------------------------------------------------------------------

/**
 * Replaces the PII of the given kinds (default: all) with placeholders. Kinds are detected in PII_KINDS order on the
 * text as it is; a span that overlaps one already claimed by an earlier kind is dropped (an IBAN's digits are not also
 * a phone number).
 */
export function redactPii(text: string, kinds: readonly PiiKind[] = PII_KINDS): Redaction {
  if (!text || kinds.length === 0) return { text, spans: [] };
  const claimed: Found[] = [];
  for (const kind of PII_KINDS) {
    if (!kinds.includes(kind)) continue;
    for (const span of DETECTORS[kind](text)) {
      if (claimed.some((c) => span.start < c.end && c.start < span.end)) continue;
      claimed.push(span);
    }
  }
  if (claimed.length === 0) return { text, spans: [] };
  claimed.sort((a, b) => a.start - b.start);
  const spans: PiiSpan[] = [];
  let out = '';
  let at = 0;
  for (const span of claimed) {
    out += text.slice(at, span.start);
    const placeholder = PII_PLACEHOLDERS[span.kind];
    spans.push({ ...span, redactedStart: out.length, redactedEnd: out.length + placeholder.length });
    out += placeholder;
    at = span.end;
  }
  out += text.slice(at);
  return { text: out, spans };
}

/**
 * Moves an offset computed on the original text onto the redacted text. An offset inside a replaced span goes to the
 * placeholder's start (`side: 'start'`, for the start of a range) or end (`side: 'end'`), so a range that covered part
 * of a piece of PII covers its whole placeholder.
 */
export function remapOffset(spans: readonly PiiSpan[], offset: number, side: 'start' | 'end'): number {
  let shift = 0;
  for (const span of spans) {
    if (offset <= span.start) break;
    if (offset >= span.end) {
      shift = span.redactedEnd - span.end;
      continue;
    }
    return side === 'start' ? span.redactedStart : span.redactedEnd;
  }
  return offset + shift;
}

/**
 * Parses a product's `<PRODUCT>_PII_REDACTION` setting: unset or empty = every kind; `off` / `none` / `false` = none;
 * otherwise a comma-separated list of kinds (`email,phone,card,iban`). Throws on an unknown kind.
 */
export function parsePiiRedaction(value: string | undefined): PiiKind[] {
  const trimmed = (value ?? '').trim().toLowerCase();
  if (trimmed === '' || trimmed === 'all' || trimmed === 'on') return [...PII_KINDS];
  if (['off', 'none', 'false', '0'].includes(trimmed)) return [];
  const kinds = trimmed
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  const unknown = kinds.filter((k) => !(PII_KINDS as readonly string[]).includes(k));
  if (unknown.length > 0) throw new Error(`unknown PII kind ${unknown.join(', ')}: use ${PII_KINDS.join(',')} or off`);
  return PII_KINDS.filter((k) => kinds.includes(k));
}
