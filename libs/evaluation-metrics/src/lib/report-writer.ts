import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildReport, EvaluationReportInput, renderReportMarkdown } from './report';

export interface WrittenReport {
  jsonPath: string;
  markdownPath: string;
}

/** Writes `<dir>/<name>.json` and `<dir>/<name>.md` (creating `dir`); returns both paths. */
export function writeReport(dir: string, name: string, input: EvaluationReportInput): WrittenReport {
  if (!/^[\w.-]+$/.test(name)) throw new Error(`writeReport: report name "${name}" must be a plain file name (letters, digits, . _ -)`);
  const report = buildReport(input);
  mkdirSync(dir, { recursive: true });
  const jsonPath = join(dir, `${name}.json`);
  const markdownPath = join(dir, `${name}.md`);
  writeFileSync(jsonPath, JSON.stringify(report, null, 2) + '\n');
  writeFileSync(markdownPath, renderReportMarkdown(report));
  return { jsonPath, markdownPath };
}
