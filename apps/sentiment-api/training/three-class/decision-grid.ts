import { accuracy, precisionRecallF1 } from '@matrix/evaluation-metrics';
import { threeClassOfAnalysis, thresholdRuleClass } from '../../evaluation/three-class-predictions';
import { documentSentiment, labelForProbabilities, scoreFromProbabilities, type ClassProbabilities } from '../../src/scoring/label-rules';
import { decideProbabilities, POLARITY_SOURCES, type ThreeClassDecision } from '../../src/scoring/three-class-decision';

/** One held-out text as the API sees it: its sentences (as the API splits them), each with both heads' outputs. */
export interface HeldOutText {
  label: number;
  source: string;
  /** The binary head's P(positive) of the whole text (what the old threshold rule reads). */
  wholeBinaryPositive: number;
  sentences: Array<{ text: string; binaryPositive: number; threeClass: ClassProbabilities }>;
}

export interface DecisionScores {
  n: number;
  accuracy: number;
  macroF1: number;
  macroRecall: number;
  /** Recall of negative / neutral / positive. */
  recalls: number[];
}

/** The old rule, as evaluate reports it beside the API: thresholds on the binary head's P(positive) of the whole text. */
export const THRESHOLD_RULE = 'threshold-rule';

/**
 * The class (0/1/2) the API would answer for `text` under `decision`: sentence labels, then the
 * document rules (MIXED by the sign of its score, as evaluate counts it); or the old threshold rule.
 */
export function servedClass(text: HeldOutText, decision: ThreeClassDecision | typeof THRESHOLD_RULE): number {
  if (decision === THRESHOLD_RULE) return thresholdRuleClass(text.wholeBinaryPositive);
  const sentences = text.sentences.map((s) => {
    const p = decideProbabilities(s.binaryPositive, s.threeClass, decision);
    return { text: s.text, score: scoreFromProbabilities(p.positive, p.negative), label: labelForProbabilities(p), probabilities: p };
  });
  return threeClassOfAnalysis(documentSentiment(sentences));
}

export function scoreDecision(texts: readonly HeldOutText[], decision: ThreeClassDecision | typeof THRESHOLD_RULE): DecisionScores {
  return scorePredictions(
    texts.map((t) => t.label),
    texts.map((t) => servedClass(t, decision)),
  );
}

/** Accuracy, macro-F1, macro-recall and per-class recall of class predictions (0/1/2). */
export function scorePredictions(yTrue: readonly number[], yPred: readonly number[]): DecisionScores {
  const prf = precisionRecallF1(yTrue, yPred, { labels: [0, 1, 2] });
  return {
    n: yTrue.length,
    accuracy: accuracy(yTrue, yPred),
    macroF1: prf.macro.f1,
    macroRecall: prf.macro.recall,
    recalls: prf.perClass.map((c) => c.recall),
  };
}

/**
 * The candidates: each polarity source × a neutral weight on a 2^(k/4) grid from 0.5 to 8 × a
 * positive weight on a 2^(k/8) grid from 0.71 to 1.41 (negative fixed at 1: only ratios matter).
 */
export function decisionGrid(): ThreeClassDecision[] {
  const grid: ThreeClassDecision[] = [];
  for (const polarity of POLARITY_SOURCES)
    for (let k = -4; k <= 12; k++)
      for (let j = -4; j <= 4; j++) grid.push({ polarity, classWeights: { negative: 1, neutral: round(2 ** (k / 4)), positive: round(2 ** (j / 8)) } });
  return grid;
}

const round = (x: number) => Number(x.toFixed(4));

/** Distance from "as the heads say" (all weights 1), in log terms: the tie-breaker, so an unneeded correction is not taken. */
function correction(d: ThreeClassDecision): number {
  return Math.abs(Math.log(d.classWeights.neutral)) + Math.abs(Math.log(d.classWeights.positive)) + Math.abs(Math.log(d.classWeights.negative));
}

/** The candidate with the best macro-F1 on `texts`; ties (within 1e-9) go to the better macro-recall, then to the smaller correction. */
export function bestDecision(
  texts: readonly HeldOutText[],
  candidates: readonly ThreeClassDecision[],
): { decision: ThreeClassDecision; scores: DecisionScores } {
  let best: { decision: ThreeClassDecision; scores: DecisionScores } | undefined;
  for (const decision of candidates) {
    const scores = scoreDecision(texts, decision);
    if (!best) {
      best = { decision, scores };
      continue;
    }
    const dF1 = scores.macroF1 - best.scores.macroF1;
    const dRecall = scores.macroRecall - best.scores.macroRecall;
    const better = dF1 > 1e-9 || (Math.abs(dF1) <= 1e-9 && (dRecall > 1e-9 || (Math.abs(dRecall) <= 1e-9 && correction(decision) < correction(best.decision))));
    if (better) best = { decision, scores };
  }
  if (!best) throw new Error('no candidate decisions');
  return best;
}
