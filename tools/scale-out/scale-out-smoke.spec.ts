import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { workspaceRoot } from '@matrix/paths';

// CI's slice of `workspace-tools:scale-out-e2e` (the full run loads all four products, ~6 min on 2 cores): two
// gateways and two sentiment APIs in production mode (PostgreSQL + Redis/BullMQ) behind haproxy, 45 s of
// closed-loop analyses through the balancer while gateway-1 and then sentiment-api-2 are SIGKILLed and started
// again — through the same entry point as the target, so what CI proves is what the target measures.
describe('scale-out smoke: sentiment behind haproxy while a gateway and an API replica are killed', () => {
  it('ends with no failed request and no lost row, and says so in the suite line', () => {
    const run = spawnSync(
      process.execPath,
      [
        '-r',
        '@swc-node/register',
        join('tools', 'scale-out', 'scale-out.ts'),
        '--product',
        'sentiment',
        '--duration',
        '45',
        '--clients',
        '2',
        '--kill',
        'gateway-1',
        '--kill',
        'sentiment-api-2',
      ],
      {
        cwd: workspaceRoot(),
        env: { ...process.env, SWC_NODE_PROJECT: 'tsconfig.base.json' },
        encoding: 'utf8',
        timeout: 420_000,
      },
    );
    const output = `${run.stdout}${run.stderr}`;
    const line = output
      .trim()
      .split('\n')
      .reverse()
      .find((candidate) => candidate.startsWith('{"suite":"scale-out"'));
    if (!line) throw new Error(`the scale-out test printed no summary line (exit ${run.status}):\n${output.slice(-4000)}`);
    const summary = JSON.parse(line);
    expect({
      errors: summary.errors,
      lost_rows: summary.lost_rows,
      gateway_replicas: summary.gateway_replicas,
      api_replicas: summary.api_replicas,
      killed: summary.killed,
      exit: run.status,
    }).toEqual({ errors: 0, lost_rows: 0, gateway_replicas: 2, api_replicas: 2, killed: ['gateway-1', 'sentiment-api-2'], exit: 0 });
    expect(summary.requests).toBeGreaterThan(0);
  }, 480_000);
});
