import { redecide, scoreRows, type ServedRow } from './intent-scores';

const row = (category: string, intent: string, kind: string, top1 = 0.9, top2 = 0.05, extra: Partial<ServedRow> = {}): ServedRow => ({
  category,
  intent,
  kind,
  top1,
  top2,
  citedIntent: kind === 'answer' ? intent : undefined,
  ...extra,
});

describe('scoreRows', () => {
  it('counts in-scope rows by top-1 intent and out-of-scope rows as right only when declined', () => {
    const scores = scoreRows([
      row('a', 'a', 'answer'),
      row('a', 'b', 'answer'),
      row('b', 'b', 'handoff', 0.2, 0.1),
      row('oos', 'a', 'handoff', 0.2, 0.1, { reason: 'out_of_scope' }),
      row('oos', 'a', 'answer'),
    ]);
    expect(scores).toMatchObject({ n: 5, inScope: 3, outOfScope: 2, oosRecall: 0.5 });
    expect(scores.accuracy).toBeCloseTo(3 / 5, 10);
    expect(scores.handoffRate).toBeCloseTo(1 / 3, 10);
    expect(scores.answeredAccuracy).toBeCloseTo(1 / 2, 10);
    expect(scores.endToEndAccuracy).toBeCloseTo(1 / 3, 10);
  });

  it('has no oos recall without out-of-scope rows', () => {
    expect(scoreRows([row('a', 'a', 'answer')]).oosRecall).toBeNull();
  });

  it('re-decides at another threshold and gap, keeping out-of-scope handoffs', () => {
    const rows = [row('a', 'a', 'answer', 0.5, 0.45), row('a', 'a', 'handoff', 0.25, 0.1), row('a', 'a', 'handoff', 0.9, 0.0, { reason: 'out_of_scope' })];
    expect(redecide(rows, 0.2, 0).map((r) => r.kind)).toEqual(['answer', 'answer', 'handoff']);
    expect(redecide(rows, 0.3, 0.1).map((r) => r.kind)).toEqual(['clarify', 'handoff', 'handoff']);
  });
});
