/**
 * `npx nx run workspace-tools:chaos` — ordinary faults, on the embedded default (SQLite, in-process
 * jobs, local models): each scenario starts the gateway, product APIs and webs it needs as their own
 * processes, on free loopback ports, in its own folder under tmp/chaos, injects one fault, measures
 * and stops everything. Prints a table, then one JSON line:
 * {"suite":"chaos","scenarios":N,"passed":N,"lost_rows":0,"duplicated_rows":0,"cross_product_5xx":0,"jobs_failed_by_restart":0}
 * Exit code 1 unless every scenario run passed.
 */
import { join } from 'node:path';
import { workspaceRoot } from '@matrix/paths';
import { chaosUsage, parseChaosOptions } from './chaos-options';
import { formatReport, summaryLine, type ScenarioReport } from './chaos-report';
import type { ChaosScenario, ChaosSettings } from './chaos-scenario';
import { ChaosStack } from './chaos-stack';
import { apiRestartDuringWebJob } from './scenarios/api-restart-during-web-job';
import { gatewayOverload } from './scenarios/gateway-overload';
import { gatewayRestartDuringJob } from './scenarios/gateway-restart-during-job';
import { recommenderImportIsolation } from './scenarios/recommender-import-isolation';

const SCENARIOS: ChaosScenario[] = [recommenderImportIsolation, gatewayRestartDuringJob, apiRestartDuringWebJob, gatewayOverload];

function log(line: string): void {
  console.log(`[chaos ${new Date().toISOString().slice(11, 19)}] ${line}`);
}

async function main(): Promise<number> {
  const names = SCENARIOS.map((s) => s.name);
  let options;
  try {
    options = parseChaosOptions(process.argv.slice(2), names);
  } catch (error) {
    const message = (error as Error).message;
    console.error(message === 'help' ? chaosUsage(names) : `${message}\n\n${chaosUsage(names)}`);
    return message === 'help' ? 0 : 2;
  }
  const chosen = options.scenarios.length ? SCENARIOS.filter((s) => options.scenarios.includes(s.name)) : SCENARIOS;
  const settings: ChaosSettings = {
    tmpRoot: join(workspaceRoot(), 'tmp', 'chaos'),
    rows: options.rows,
    events: options.events,
    clients: options.clients,
    outageSeconds: options.outageSeconds,
    log,
  };
  const onSignal = () => void ChaosStack.stopAll().then(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const unprepared = new Map<string, string>();
  for (const scenario of chosen) {
    if (!scenario.prepare) continue;
    await scenario
      .prepare({ ...settings, log: (line) => log(`${scenario.name}: ${line}`) })
      .catch((error: Error) => unprepared.set(scenario.name, error.message));
  }
  const reports: ScenarioReport[] = [];
  for (const scenario of chosen) {
    log(`${scenario.name}: ${scenario.summary}`);
    const started = performance.now();
    try {
      const missing = unprepared.get(scenario.name);
      if (missing) throw new Error(missing);
      const outcome = await scenario.run({ ...settings, log: (line) => log(`${scenario.name}: ${line}`) });
      reports.push({ name: scenario.name, seconds: (performance.now() - started) / 1000, ...outcome });
    } catch (error) {
      // A scenario that could not run is a failure that says why (never a silent skip); fetch's own message
      // ("terminated") says little, its cause (and the stack, in the log) says where.
      const cause = (error as Error & { cause?: unknown }).cause;
      if (cause instanceof Error) (error as Error).message += ` (${cause.message})`;
      log(`${scenario.name}: ${(error as Error).stack ?? String(error)}`);
      reports.push({
        name: scenario.name,
        seconds: (performance.now() - started) / 1000,
        passed: false,
        notes: [`could not run: ${(error as Error).message.split('\n').slice(0, 6).join(' / ')}`],
        figures: {},
        counts: {},
      });
    }
    const last = reports[reports.length - 1];
    log(`${scenario.name}: ${last.passed ? 'PASS' : `FAIL (${last.notes[0] ?? 'no reason recorded'})`} in ${last.seconds.toFixed(0)} s`);
  }
  console.log(`\n${formatReport(reports)}\n`);
  console.log(summaryLine(reports));
  return reports.every((r) => r.passed) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.stack ?? error.message);
    process.exit(1);
  },
);
