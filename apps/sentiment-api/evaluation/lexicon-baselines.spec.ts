import { loadSst2 } from '@matrix/datasets';
import { binaryScores } from './binary-metrics';
import { afinnScore, LEXICON_BASELINES, vaderScore, winkScore } from './lexicon-baselines';

function byName(name: string) {
  const baseline = LEXICON_BASELINES.find((b) => b.name.startsWith(name));
  if (!baseline) throw new Error(`no baseline named ${name}`);
  return baseline;
}

describe('AFINN (sentiment package)', () => {
  it('sums AFINN-165 valences and flips a negated word', () => {
    // AFINN-165: good +3, terrible −3, love +3, boring −3.
    expect(afinnScore('a good film')).toBe(3);
    expect(afinnScore('not good')).toBe(-3);
    expect(afinnScore('I love it but the ending is boring')).toBe(0);
    expect(byName('AFINN').predict('a good film')).toBe(1);
    expect(byName('AFINN').predict('a terrible film')).toBe(0);
  });
});

describe('VADER', () => {
  it('normalises the valence sum x to x / sqrt(x² + 15)', () => {
    // "good" has valence 1.9 in vader_lexicon.txt: 1.9 / sqrt(1.9² + 15) = 0.4404.
    expect(vaderScore('good')).toBeCloseTo(0.4404, 4);
    // Negation multiplies by −0.74: −1.406 / sqrt(1.406² + 15) = −0.3412.
    expect(vaderScore('not good')).toBeCloseTo(-0.3412, 4);
    expect(byName('VADER').predict('good')).toBe(1);
    expect(byName('VADER').predict('not good')).toBe(0);
  });
});

describe('wink-nlp', () => {
  it('scores clear sentences by sign', () => {
    expect(winkScore('What a wonderful, moving film.')).toBeGreaterThan(0);
    expect(winkScore('A dull, awful mess.')).toBeLessThan(0);
  });
});

describe('every baseline', () => {
  it('calls a text without sentiment words (score 0) negative', () => {
    const neutral = 'The film is 98 minutes long.';
    for (const baseline of LEXICON_BASELINES) {
      expect([baseline.name, baseline.score(neutral)]).toEqual([baseline.name, 0]);
      expect(baseline.predict(neutral)).toBe(0);
    }
  });

  it('reproduces the accuracies measured on SST-2 dev (datasets README: wink 0.701, AFINN 0.697, VADER 0.659)', () => {
    const dev = loadSst2('dev');
    const yTrue = dev.map((r) => r.label);
    const accuracyOf = (name: string) =>
      binaryScores(
        yTrue,
        dev.map((r) => byName(name).predict(r.sentence)),
      ).accuracy;
    expect(accuracyOf('wink').toFixed(3)).toBe('0.701');
    expect(accuracyOf('AFINN').toFixed(3)).toBe('0.697');
    expect(accuracyOf('VADER').toFixed(3)).toBe('0.659');
  });
});
