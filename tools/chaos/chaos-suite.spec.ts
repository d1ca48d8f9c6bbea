import { parseChaosOptions } from './chaos-options';
import { formatReport, summaryLine, type ScenarioReport } from './chaos-report';
import { productDatabaseEnvName } from '@matrix/db';
import { productDatabaseEnv } from './product-databases';

const NAMES = ['recommender-import', 'gateway-restart'];

describe('chaos suite flags', () => {
  it('defaults to every scenario at the issue sizes, and takes repeated --scenario and the sizes', () => {
    expect(parseChaosOptions([], NAMES)).toEqual({ scenarios: [], rows: 2000, events: 100_000, clients: 600, outageSeconds: 60 });
    expect(parseChaosOptions(['--scenario', 'gateway-restart', '--scenario', 'recommender-import', '--rows', '200', '--events', '5000'], NAMES)).toMatchObject({
      scenarios: ['gateway-restart', 'recommender-import'],
      rows: 200,
      events: 5000,
    });
  });

  it('refuses an unknown scenario, flag or a size that is not a whole number in range', () => {
    expect(() => parseChaosOptions(['--scenario', 'gateway-restrat'], NAMES)).toThrow('unknown scenario gateway-restrat');
    expect(() => parseChaosOptions(['--row', '200'], NAMES)).toThrow(/--row/);
    expect(() => parseChaosOptions(['--rows', '1.5'], NAMES)).toThrow('--rows must be a whole number');
    expect(() => parseChaosOptions(['--events', '200000'], NAMES)).toThrow('--events must be a whole number from 1 to 100000');
  });
});

describe('chaos report', () => {
  const reports: ScenarioReport[] = [
    {
      name: 'gateway-restart',
      seconds: 86,
      passed: false,
      notes: ['the job ended failed'],
      figures: { lost: 1680 },
      counts: { lost_rows: 1680, jobs_failed_by_restart: 1 },
    },
    { name: 'recommender-import', seconds: 81, passed: false, notes: [], figures: {}, counts: { cross_product_5xx: 17 } },
    { name: 'gateway-overload', seconds: 17, passed: true, notes: [], figures: { 'p95 ms to 429': 86 }, counts: {} },
  ];

  it('ends with one JSON line adding up every scenario’s counts', () => {
    expect(JSON.parse(summaryLine(reports))).toEqual({
      suite: 'chaos',
      scenarios: 3,
      passed: 1,
      lost_rows: 1680,
      duplicated_rows: 0,
      cross_product_5xx: 17,
      jobs_failed_by_restart: 1,
    });
  });

  it('shows each scenario with its result and figures, and why a failure failed', () => {
    const table = formatReport(reports);
    expect(table).toMatch(/gateway-restart +\| FAIL +\| 86 s \| lost 1680/);
    expect(table).toMatch(/gateway-overload +\| PASS/);
    expect(table).toContain('gateway-restart (FAILED):\n  - the job ended failed');
  });
});

describe('product databases', () => {
  it('gives every product its own file, derived from the scratch DATABASE_URL by the rule of libs/db', () => {
    const products = ['sentiment-api', 'support-chatbot-api', 'recommender-api', 'image-tagger-api'] as const;
    const files = products.map((product) => {
      const env = productDatabaseEnv(product, '/scratch');
      expect(env.DATABASE_URL).toBe('file:/scratch/matrix.db');
      return env[productDatabaseEnvName(product)];
    });
    expect(files).toEqual([
      'file:/scratch/matrix-sentiment.db',
      'file:/scratch/matrix-support-chatbot.db',
      'file:/scratch/matrix-recommender.db',
      'file:/scratch/matrix-image-tagger.db',
    ]);
  });
});
