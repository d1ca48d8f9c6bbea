import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { workspaceRoot } from '@matrix/paths';

// CI's slice of `workspace-tools:chaos` (the full suite runs outside CI, ~10 min): one fault for real — the
// gateway SIGKILLed during a 200-row sentiment CSV job and kept down for the suite's default outage (60 s,
// longer than a job's old retry budget) — through the same entry point as the target, so what CI proves is
// what the target measures.
describe('chaos smoke: gateway restart during a sentiment CSV job', () => {
  it('ends succeeded with every row analysed once and says so in the suite line', () => {
    const root = workspaceRoot();
    const run = spawnSync(
      process.execPath,
      ['-r', '@swc-node/register', join('tools', 'chaos', 'chaos.ts'), '--scenario', 'gateway-restart', '--rows', '200'],
      {
        cwd: root,
        env: { ...process.env, SWC_NODE_PROJECT: 'tsconfig.base.json' },
        encoding: 'utf8',
        timeout: 420_000,
      },
    );
    const output = `${run.stdout}${run.stderr}`;
    const summary = output
      .trim()
      .split('\n')
      .reverse()
      .find((line) => line.startsWith('{"suite":"chaos"'));
    if (!summary) throw new Error(`the chaos suite printed no summary line (exit ${run.status}):\n${output.slice(-4000)}`);
    expect({ summary: JSON.parse(summary), exit: run.status }).toEqual({
      summary: { suite: 'chaos', scenarios: 1, passed: 1, lost_rows: 0, duplicated_rows: 0, cross_product_5xx: 0, jobs_failed_by_restart: 0 },
      exit: 0,
    });
  }, 480_000);
});
