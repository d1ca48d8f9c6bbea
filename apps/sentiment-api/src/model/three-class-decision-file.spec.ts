import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UNWEIGHTED_FUSION } from '../scoring/three-class-decision';
import { DECISION_FILE, readThreeClassDecision } from './three-class-decision-file';

describe('readThreeClassDecision', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'decision-'));
    mkdirSync(join(dir, 'v2'));
    writeFileSync(join(dir, 'latest.json'), JSON.stringify({ name: 'sentiment-3class', version: 'v2' }));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads decision.json of the version latest.json names', () => {
    const decision = { polarity: 'three-class-head', classWeights: { negative: 1, neutral: 2.5, positive: 0.9 } };
    writeFileSync(join(dir, 'v2', DECISION_FILE), JSON.stringify(decision));
    expect(readThreeClassDecision(dir)).toEqual(decision);
  });

  it('gives unweighted fusion (how older versions were served) when the version has no decision.json', () => {
    expect(readThreeClassDecision(dir)).toEqual(UNWEIGHTED_FUSION);
  });

  it('refuses a malformed decision, naming the file', () => {
    writeFileSync(join(dir, 'v2', DECISION_FILE), JSON.stringify({ polarity: 'binary-head', classWeights: { negative: 1, neutral: 0, positive: 1 } }));
    expect(() => readThreeClassDecision(dir)).toThrow(/decision\.json: not a three-class decision/);
  });

  it('reads a stacked decision with its coefficients, and refuses one without them', () => {
    const row = [0.5, -1, 2, 1, 0];
    const stacked = { polarity: 'stacked', classWeights: { negative: 1, neutral: 1, positive: 1 }, stacked: { coefficients: [row, row, row] } };
    writeFileSync(join(dir, 'v2', DECISION_FILE), JSON.stringify(stacked));
    expect(readThreeClassDecision(dir)).toEqual(stacked);
    writeFileSync(join(dir, 'v2', DECISION_FILE), JSON.stringify({ ...stacked, stacked: undefined }));
    expect(() => readThreeClassDecision(dir)).toThrow(/not a three-class decision/);
  });
});
