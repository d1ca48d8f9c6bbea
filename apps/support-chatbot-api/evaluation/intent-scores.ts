import { OUT_OF_SCOPE_CATEGORY } from '@matrix/datasets';
import { precisionRecallF1 } from '@matrix/evaluation-metrics';

/** What the served pipeline did with one evaluation row (from POST /api/understand). */
export interface ServedRow {
  /** The row's label (`oos` = out of scope). */
  category: string;
  /** The top-1 intent. */
  intent: string | null;
  /** answer | clarify | handoff */
  kind: string;
  reason?: string;
  /** Top-1 and top-2 probabilities and the nearest passage's similarity, to re-decide at other thresholds. */
  top1: number;
  top2: number;
  /** The cited article's intent, when it answered. */
  citedIntent?: string | null;
}

export interface IntentScores {
  n: number;
  /** In scope: top-1 intent right; out of scope: declined (not answered). */
  accuracy: number;
  macroF1: number;
  inScope: number;
  outOfScope: number;
  /** In-scope rows the bot did not answer (handoff or ask to rephrase). */
  handoffRate: number;
  /** In-scope rows it answered: share with the right intent. */
  answeredAccuracy: number;
  /** In-scope rows answered with an article of the right intent (what the customer actually gets). */
  endToEndAccuracy: number;
  /** Out-of-scope rows declined; null without any. */
  oosRecall: number | null;
  /** Share of answered rows whose citation is an article of the predicted intent. */
  citationAgreement: number;
}

const declined = (r: ServedRow) => r.kind !== 'answer';

/**
 * Scores the pipeline: the classification view (top-1 intent; out-of-scope rows are right only
 * when declined, and count as the label `oos` in macro-F1) and the customer's view (answered or
 * not, and whether the answer came from the right article).
 */
export function scoreRows(rows: ServedRow[]): IntentScores {
  const inScope = rows.filter((r) => r.category !== OUT_OF_SCOPE_CATEGORY);
  const oos = rows.filter((r) => r.category === OUT_OF_SCOPE_CATEGORY);
  const predicted = rows.map((r) => (r.category === OUT_OF_SCOPE_CATEGORY ? (declined(r) ? OUT_OF_SCOPE_CATEGORY : (r.intent ?? '')) : (r.intent ?? '')));
  const truth = rows.map((r) => r.category);
  const correct = rows.filter((r, i) => predicted[i] === truth[i]).length;
  const answered = inScope.filter((r) => !declined(r));
  return {
    n: rows.length,
    accuracy: rows.length ? correct / rows.length : 0,
    macroF1: rows.length ? precisionRecallF1(truth, predicted).macro.f1 : 0,
    inScope: inScope.length,
    outOfScope: oos.length,
    handoffRate: inScope.length ? inScope.filter(declined).length / inScope.length : 0,
    answeredAccuracy: answered.length ? answered.filter((r) => r.intent === r.category).length / answered.length : 0,
    endToEndAccuracy: inScope.length ? answered.filter((r) => r.citedIntent === r.category).length / inScope.length : 0,
    oosRecall: oos.length ? oos.filter(declined).length / oos.length : null,
    citationAgreement: answered.length ? answered.filter((r) => r.citedIntent === r.intent).length / answered.length : 0,
  };
}

/** The same rows decided again at another threshold/gap (out-of-scope and missing-article handoffs stay). */
export function redecide(rows: ServedRow[], threshold: number, gap: number): ServedRow[] {
  return rows.map((r) => {
    if (r.reason === 'out_of_scope' || r.reason === 'no_article') return r;
    const kind = r.top1 < threshold ? 'handoff' : r.top1 - r.top2 < gap ? 'clarify' : 'answer';
    return { ...r, kind, citedIntent: kind === 'answer' ? (r.citedIntent ?? r.intent) : r.citedIntent };
  });
}
