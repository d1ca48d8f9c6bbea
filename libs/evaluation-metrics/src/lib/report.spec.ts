import { buildReport, markdownTable, renderReportMarkdown } from './report';

const input = {
  title: 'Sentiment evaluation',
  dataset: { name: 'sst2', split: 'validation', samples: 4 },
  metrics: { accuracy: 0.75, macroF1: 0.7333333 },
  intervals: { accuracy: { estimate: 0.75, lower: 0.5, upper: 1, alpha: 0.05, resamples: 1000 } },
  perClass: [
    { label: 'neg', precision: 1, recall: 0.5, f1: 2 / 3, support: 2 },
    { label: 'pos', precision: 2 / 3, recall: 1, f1: 0.8, support: 2 },
  ],
  confusionMatrix: {
    labels: ['neg', 'pos'],
    matrix: [
      [1, 1],
      [0, 2],
    ],
  },
  notes: ['model: distilbert-sst2'],
  generatedAt: '2025-01-01T00:00:00.000Z',
};

describe('buildReport', () => {
  it('returns a plain JSON copy of the input', () => {
    const report = buildReport(input);
    expect(report).toEqual(input);
    expect(report).not.toBe(input);
  });

  it('rejects an empty title and non-finite metrics', () => {
    expect(() => buildReport({ ...input, title: ' ' })).toThrow(/title is empty/);
    expect(() => buildReport({ ...input, metrics: { accuracy: NaN } })).toThrow(/metric accuracy is not a finite number/);
  });
});

describe('renderReportMarkdown', () => {
  const markdown = renderReportMarkdown(buildReport(input));

  it('renders dataset, metrics with intervals, per-class table and confusion matrix as Markdown tables', () => {
    expect(markdown).toContain('# Sentiment evaluation\n');
    expect(markdown).toContain('| split | validation |');
    expect(markdown).toContain('| metric | value | confidence interval |');
    expect(markdown).toContain('| accuracy | 0.7500 | [0.5000, 1] (95%, 1000 resamples) |');
    expect(markdown).toContain('| macroF1 | 0.7333 |  |');
    expect(markdown).toContain('| label | precision | recall | f1 | support |');
    expect(markdown).toContain('| neg | 1 | 0.5000 | 0.6667 | 2 |');
    expect(markdown).toContain('| true \\ predicted | neg | pos |');
    expect(markdown).toContain('| pos | 0 | 2 |');
    expect(markdown).toContain('- model: distilbert-sst2');
  });

  it('omits optional sections that are absent', () => {
    const minimal = renderReportMarkdown(buildReport({ title: 'T', dataset: { name: 'd' }, metrics: { rmse: 1.5 } }));
    expect(minimal).toBe(
      ['# T', '## Dataset', '| field | value |\n| --- | --- |\n| name | d |', '## Metrics', '| metric | value |\n| --- | --- |\n| rmse | 1.5000 |'].join(
        '\n\n',
      ) + '\n',
    );
  });
});

describe('markdownTable', () => {
  it("escapes '|' inside cells", () => {
    expect(markdownTable(['a'], [['x|y']])).toBe('| a |\n| --- |\n| x\\|y |');
  });
});
