import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { workspaceRoot } from '@matrix/paths';

// CI's slice of `workspace-tools:security-audit`: one product API (sentiment, the fewest routes) through the
// same entry point as the target — every route called with no credentials, the wrong role and the right
// role — and no violation. The gateway's half runs in the gateway's own e2e (gateway-authz.e2e.spec.ts).
describe('security audit smoke: every sentiment-api route against its declared access', () => {
  it('ends with an authz line without violations', () => {
    const run = spawnSync(
      process.execPath,
      ['-r', '@swc-node/register', join('tools', 'security-audit', 'security-audit.ts'), '--products', 'sentiment-api', '--gateway', 'no'],
      { cwd: workspaceRoot(), env: { ...process.env, SWC_NODE_PROJECT: 'tsconfig.base.json' }, encoding: 'utf8', timeout: 240_000 },
    );
    const output = `${run.stdout}${run.stderr}`;
    const line = output
      .trim()
      .split('\n')
      .reverse()
      .find((l) => l.startsWith('{"suite":"authz"'));
    if (!line) throw new Error(`the audit printed no summary line (exit ${run.status}):\n${output.slice(-4000)}`);
    const summary = JSON.parse(line) as Record<string, number>;
    if (summary.violations !== 0) throw new Error(`violations:\n${output.slice(-6000)}`);
    expect(summary.routes).toBeGreaterThan(10);
    expect(summary.unauthenticated_denied + summary.public).toBe(summary.routes);
    expect(summary.right_role_ok + summary.public).toBe(summary.routes);
    expect(run.status).toBe(0);
  }, 300_000);
});
