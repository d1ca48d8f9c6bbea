import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startProcess, type ManagedProcess } from '@matrix/dev-harness';

/** One balanced pool: a frontend on `port` spreading over `servers`, health-checked on `healthPath`. */
export interface BalancedPool {
  name: string;
  port: number;
  healthPath: string;
  servers: ReadonlyArray<{ name: string; port: number }>;
}

export interface LoadBalancer extends ManagedProcess {
  /** The balancer's address for a pool. */
  urlOf(pool: string): string;
  configPath: string;
}

/** Debian's haproxy, where `apt-get install -y haproxy` puts it (or HAPROXY_BIN). */
export function haproxyBinary(): string {
  const bin = process.env.HAPROXY_BIN || 'haproxy';
  const probe = spawnSync(bin, ['-v'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error(
      `the scale-out test needs haproxy (a real load balancer from Debian): apt-get install -y haproxy (or set HAPROXY_BIN); '${bin} -v' failed: ${probe.error?.message ?? probe.stderr}`,
    );
  }
  return bin;
}

/**
 * The generated haproxy configuration: one HTTP frontend per pool on 127.0.0.1, round-robin over its replicas,
 * each replica health-checked on its readiness route every second (down after 3 failures, up after 2 successes;
 * fail-open: while all fail their checks, all get requests),
 * and a request whose connection failed — or whose replica died before answering (empty response) — sent again
 * to another replica (`retry-on` + `option redispatch`), as a cloud load balancer does. A monitor frontend answers
 * `/lb-health` once haproxy is up.
 */
export function haproxyConfig(pools: readonly BalancedPool[], monitorPort: number): string {
  const lines = [
    'global',
    '  maxconn 4096',
    '',
    'defaults',
    '  mode http',
    '  option http-buffer-request',
    '  timeout connect 2s',
    '  timeout client 180s',
    '  timeout server 180s',
    '  timeout http-request 30s',
    '  timeout queue 30s',
    '  retries 3',
    '  option redispatch 1',
    '  retry-on conn-failure empty-response response-timeout 502 503',
    // A readiness answer may take seconds on a busy machine: a slow answer is not a dead replica.
    '  timeout check 5s',
    '  default-server inter 1s fastinter 500ms downinter 1s fall 3 rise 2',
    '',
    'frontend monitor',
    `  bind 127.0.0.1:${monitorPort}`,
    '  monitor-uri /lb-health',
    '',
  ];
  for (const pool of pools) {
    lines.push(
      `frontend ${pool.name}`,
      `  bind 127.0.0.1:${pool.port}`,
      `  default_backend ${pool.name}-replicas`,
      '',
      `backend ${pool.name}-replicas`,
      '  balance roundrobin',
      `  option httpchk GET ${pool.healthPath}`,
      '  http-check expect status 200',
      // Fail open, as cloud load balancers do: while every replica fails its check (e.g. all briefly not ready
      // while a gateway restarts), requests still go to them (unchecked backups) instead of a 503 from here.
      '  option allbackups',
      ...pool.servers.map((server) => `  server ${server.name} 127.0.0.1:${server.port} check`),
      ...pool.servers.map((server) => `  server ${server.name}-failopen 127.0.0.1:${server.port} backup`),
      '',
    );
  }
  return lines.join('\n');
}

/** Starts haproxy in the foreground (`-db`) with the generated config in `dir`, ready once its monitor answers. */
export async function startLoadBalancer(dir: string, pools: readonly BalancedPool[], monitorPort: number): Promise<LoadBalancer> {
  const bin = haproxyBinary();
  const configPath = join(dir, 'haproxy.cfg');
  writeFileSync(configPath, haproxyConfig(pools, monitorPort));
  const check = spawnSync(bin, ['-c', '-q', '-f', configPath], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`haproxy refused the generated config ${configPath}: ${check.stderr || check.stdout}`);
  const process = await startProcess({
    name: 'haproxy',
    command: bin,
    args: ['-db', '-f', configPath],
    readyUrl: `http://127.0.0.1:${monitorPort}/lb-health`,
    readyTimeoutMs: 15_000,
  });
  const ports = new Map(pools.map((pool) => [pool.name, pool.port]));
  return {
    ...process,
    configPath,
    urlOf: (pool) => {
      const port = ports.get(pool);
      if (port === undefined) throw new Error(`no pool ${pool} in the load balancer`);
      return `http://127.0.0.1:${port}`;
    },
  };
}
