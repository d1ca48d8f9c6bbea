import { ConfusionMatrix } from './classification-confusion-matrix';
import { ClassScores } from './classification-precision-recall';
import { ConfidenceInterval } from './bootstrap';
import { formatCell, TableCell, TableRow } from './format-table';

export interface DatasetInfo {
  name: string;
  split?: string;
  samples?: number;
  /** Where the data came from (path or URL) and anything else worth recording. */
  source?: string;
  [key: string]: string | number | boolean | undefined;
}

export interface EvaluationReportInput {
  title: string;
  dataset: DatasetInfo;
  /** Headline scalar metrics, e.g. { accuracy: 0.91, macroF1: 0.88 }. */
  metrics: Readonly<Record<string, number>>;
  /** Optional confidence intervals keyed by metric name. */
  intervals?: Readonly<Record<string, ConfidenceInterval>>;
  /** Optional per-class table (e.g. precisionRecallF1(...).perClass) or any rows. */
  perClass?: readonly (ClassScores | TableRow)[];
  confusionMatrix?: ConfusionMatrix;
  /** Free-form notes (model, settings); kept in both outputs. */
  notes?: readonly string[];
  /** ISO timestamp; passed in rather than read from the clock so reports are reproducible. */
  generatedAt?: string;
}

/** The JSON form of a report: the input, normalised to plain JSON values. */
export type EvaluationReport = EvaluationReportInput;

/** Validated deep copy in plain JSON values, so later mutation of the input cannot alter the report. */
export function buildReport(input: EvaluationReportInput): EvaluationReport {
  if (!input.title.trim()) throw new Error('buildReport: title is empty');
  for (const [name, value] of Object.entries(input.metrics)) {
    if (!Number.isFinite(value)) throw new Error(`buildReport: metric ${name} is not a finite number (${value})`);
  }
  return JSON.parse(JSON.stringify(input)) as EvaluationReport;
}

/** Markdown table; cells are escaped so a '|' in a label cannot break the layout. */
export function markdownTable(header: readonly string[], rows: readonly (readonly TableCell[])[], digits = 4): string {
  const escape = (text: string): string => text.replace(/\|/g, '\\|');
  const lines = [
    `| ${header.map(escape).join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.map((cell) => escape(formatCell(cell, digits))).join(' | ')} |`),
  ];
  return lines.join('\n');
}

/** Human-readable Markdown: dataset, metrics (with intervals), per-class table, confusion matrix. */
export function renderReportMarkdown(report: EvaluationReport, digits = 4): string {
  const parts: string[] = [`# ${report.title}`];
  if (report.generatedAt) parts.push(`Generated ${report.generatedAt}`);

  parts.push(
    '## Dataset',
    markdownTable(
      ['field', 'value'],
      Object.entries(report.dataset).filter(([, v]) => v !== undefined),
    ),
  );

  const intervals = report.intervals ?? {};
  const withCi = Object.keys(intervals).length > 0;
  const metricRows = Object.entries(report.metrics).map(([name, value]) => {
    const ci = intervals[name];
    const interval = ci
      ? `[${formatCell(ci.lower, digits)}, ${formatCell(ci.upper, digits)}] (${Math.round((1 - ci.alpha) * 100)}%, ${ci.resamples} resamples)`
      : '';
    return withCi ? [name, value, interval] : [name, value];
  });
  parts.push('## Metrics', markdownTable(withCi ? ['metric', 'value', 'confidence interval'] : ['metric', 'value'], metricRows, digits));

  if (report.perClass && report.perClass.length > 0) {
    const rows = report.perClass as readonly TableRow[];
    const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
    parts.push(
      '## Per class',
      markdownTable(
        columns,
        rows.map((row) => columns.map((c) => row[c])),
        digits,
      ),
    );
  }

  if (report.confusionMatrix) {
    const { labels, matrix } = report.confusionMatrix;
    parts.push(
      '## Confusion matrix',
      'Rows: true label; columns: predicted label.',
      markdownTable(
        ['true \\ predicted', ...labels.map(String)],
        matrix.map((row, i) => [String(labels[i]), ...row]),
        digits,
      ),
    );
  }

  if (report.notes && report.notes.length > 0) parts.push('## Notes', report.notes.map((note) => `- ${note}`).join('\n'));
  return parts.join('\n\n') + '\n';
}
