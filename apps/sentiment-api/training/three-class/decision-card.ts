import type { ThreeClassDecision } from '../../src/scoring/three-class-decision';
import type { DecisionScores } from './decision-grid';

export interface DecisionReport {
  /** The binary head the held-out rows were scored with (a clean copy, or the served one). */
  binary: string;
  /** The binary head served with the decision, when it is not the one above. */
  servedBinary?: string;
  /** Lines on how clean the held-out rows are for each head. */
  caveat: string[];
  /** Stacked-option rows (out-of-fold), when the stacked option was in the comparison. */
  stackedNote?: string;
  threeClass: string;
  n: number;
  candidates: number;
  rows: Array<{ name: string; decision: ThreeClassDecision; scores: Record<string, DecisionScores> }>;
  /** The old threshold rule on the same texts, by part. */
  rule: Record<string, DecisionScores>;
  chosen: ThreeClassDecision;
  command: string;
}

const HEADING = '## Served decision';
const f = (x: number) => x.toFixed(4);
const describe = (d: ThreeClassDecision) =>
  d.polarity === 'stacked'
    ? `stacked: a logistic regression over [binary P(positive), this head's P(negative), P(neutral), P(positive)] (coefficients in decision.json)`
    : `${d.polarity === 'binary-head' ? 'fusion (P(neutral) from this head, direction from the binary head)' : 'this head alone'}, class weights negative ${d.classWeights.negative} / neutral ${d.classWeights.neutral} / positive ${d.classWeights.positive}`;

/** The model card section saying how the API decides with this head and on what data that was chosen. */
export function renderDecisionSection(report: DecisionReport): string {
  const parts = Object.keys(report.rule);
  const header = `| decision | ${parts.map((p) => `${p}: acc / macro-F1 / macro-recall / neutral recall`).join(' | ')} |`;
  const line = (name: string, scores: Record<string, DecisionScores>) =>
    `| ${name} | ${parts.map((p) => `${f(scores[p].accuracy)} / ${f(scores[p].macroF1)} / ${f(scores[p].macroRecall)} / ${f(scores[p].recalls[1])}`).join(' | ')} |`;
  return [
    HEADING,
    '',
    `The API labels each sentence with \`decision.json\` (read at boot with this version): ${describe(report.chosen)}.`,
    '',
    `- Command: \`${report.command}\` (held-out rows scored by ${report.binary} + ${report.threeClass}${report.servedBinary ? `; served with ${report.servedBinary}` : ''}).`,
    `- Data: the ${report.n} rows \`train-three-class\` held out from training (same seed and fractions), each split into`,
    "  sentences and labelled with the API's rules (label-rules.ts; MIXED counted by the sign of the score, as `evaluate` does).",
    '  **Nothing was chosen on SST-5 dev/test or SST-2 dev.**',
    `- How: ${report.candidates} candidates (polarity source × neutral weight 0.5–8 × positive weight 0.71–1.41, negative 1);`,
    '  for each polarity source the weights with the best macro-F1 on all held-out rows (ties: macro-recall, then the',
    '  smaller correction), then the source with the better macro-F1.',
    ...(report.stackedNote ? [report.stackedNote] : []),
    ...report.caveat,
    '',
    header,
    `|---|${parts.map(() => '---').join('|')}|`,
    ...report.rows.map((r) => line(r.name, r.scores)),
    line('old threshold rule (binary head, ±0.25 on 2p − 1)', report.rule),
    '',
  ].join('\n');
}

/** `card` with its served-decision section replaced by `section` (appended when it has none). */
export function replaceDecisionSection(card: string, section: string): string {
  const start = card.indexOf(HEADING);
  if (start < 0) return `${card.trimEnd()}\n\n${section}`;
  const next = card.indexOf('\n## ', start + HEADING.length);
  return `${card.slice(0, start)}${section}${next < 0 ? '' : `\n${card.slice(next + 1)}`}`;
}
