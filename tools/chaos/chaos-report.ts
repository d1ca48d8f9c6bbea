import type { ChaosCounts, ScenarioOutcome } from './chaos-scenario';

export interface ScenarioReport extends ScenarioOutcome {
  name: string;
  seconds: number;
}

const COUNT_NAMES: Array<keyof ChaosCounts> = ['lost_rows', 'duplicated_rows', 'cross_product_5xx', 'jobs_failed_by_restart'];

/** The suite's counts: each scenario's share added up. */
export function totalCounts(reports: readonly ScenarioReport[]): ChaosCounts {
  const totals: ChaosCounts = { lost_rows: 0, duplicated_rows: 0, cross_product_5xx: 0, jobs_failed_by_restart: 0 };
  for (const report of reports) for (const name of COUNT_NAMES) totals[name] += report.counts[name] ?? 0;
  return totals;
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - text.length));
}

/** A table a person reads: one row per scenario (result, time, figures), then why each failure failed. */
export function formatReport(reports: readonly ScenarioReport[]): string {
  const rows = reports.map((r) => [
    r.name,
    r.passed ? 'PASS' : 'FAIL',
    `${r.seconds.toFixed(0)} s`,
    Object.entries(r.figures)
      .map(([key, value]) => `${key} ${value}`)
      .join(', '),
  ]);
  const header = ['scenario', 'result', 'time', 'figures'];
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => (i === 3 ? 0 : row[i].length))));
  const line = (cells: string[]) => cells.map((cell, i) => (i === 3 ? cell : pad(cell, widths[i]))).join(' | ');
  const out = [line(header), widths.map((w, i) => '-'.repeat(i === 3 ? 7 : w)).join('-|-'), ...rows.map(line)];
  for (const report of reports) {
    if (!report.notes.length) continue;
    out.push('', `${report.name} (${report.passed ? 'passed' : 'FAILED'}):`, ...report.notes.map((note) => `  - ${note}`));
  }
  return out.join('\n');
}

/** The one JSON line the suite ends with. */
export function summaryLine(reports: readonly ScenarioReport[]): string {
  return JSON.stringify({ suite: 'chaos', scenarios: reports.length, passed: reports.filter((r) => r.passed).length, ...totalCounts(reports) });
}
