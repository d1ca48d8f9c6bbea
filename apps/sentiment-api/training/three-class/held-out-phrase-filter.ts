/**
 * Which binary-head training phrases fall inside held-out sentences. SST-2 train holds every phrase of
 * every SST-5 train sentence's parse tree, so a binary head trained on all of it has seen the rows the
 * three-class decision is chosen on; dropping each phrase that lies within a held-out sentence gives a
 * copy of the binary head that is clean on those rows.
 */

/** Lower case, one space between tokens, no outer spaces: SST-2 phrases are lower-cased, SST-5 is not. */
export function normalisePhrase(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Every contiguous token span of each sentence (normalised): SST phrases are token-aligned constituents. */
export function tokenSpans(sentences: readonly string[]): Set<string> {
  const spans = new Set<string>();
  for (const sentence of sentences) {
    const tokens = normalisePhrase(sentence).split(' ').filter(Boolean);
    for (let start = 0; start < tokens.length; start++) for (let end = start + 1; end <= tokens.length; end++) spans.add(tokens.slice(start, end).join(' '));
  }
  return spans;
}

/** Indices of `phrases` equal to, or a whole-token substring of, some held-out sentence. */
export function phrasesInside(phrases: readonly string[], heldOutSentences: readonly string[]): number[] {
  const spans = tokenSpans(heldOutSentences);
  return phrases.flatMap((p, i) => (spans.has(normalisePhrase(p)) ? [i] : []));
}
