export interface Span {
  start: number;
  end: number;
}

export interface PrecisionRecall {
  precision: number;
  recall: number;
  f1: number;
}

export interface ExtractionScores {
  gold: number;
  found: number;
  exact: PrecisionRecall;
  overlap: PrecisionRecall;
}

function pr(matchedFound: number, found: number, matchedGold: number, gold: number): PrecisionRecall {
  const precision = found ? matchedFound / found : 0;
  const recall = gold ? matchedGold / gold : 0;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

const key = (s: Span) => `${s.start}:${s.end}`;

/**
 * Aspect extraction precision / recall over documents: an exact match has the gold span's offsets; an
 * overlapping one shares at least one character. Gold spans are counted once per document.
 */
export function aspectExtractionScores(documents: ReadonlyArray<{ gold: readonly Span[]; found: readonly Span[] }>): ExtractionScores {
  let gold = 0;
  let found = 0;
  let exactFound = 0;
  let exactGold = 0;
  let overlapFound = 0;
  let overlapGold = 0;
  for (const doc of documents) {
    const goldSpans = [...new Map(doc.gold.map((s) => [key(s), s])).values()];
    const goldKeys = new Set(goldSpans.map(key));
    const foundKeys = new Set(doc.found.map(key));
    const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;
    gold += goldSpans.length;
    found += doc.found.length;
    exactFound += doc.found.filter((s) => goldKeys.has(key(s))).length;
    exactGold += goldSpans.filter((s) => foundKeys.has(key(s))).length;
    overlapFound += doc.found.filter((s) => goldSpans.some((g) => overlaps(s, g))).length;
    overlapGold += goldSpans.filter((g) => doc.found.some((s) => overlaps(s, g))).length;
  }
  return { gold, found, exact: pr(exactFound, found, exactGold, gold), overlap: pr(overlapFound, found, overlapGold, gold) };
}
