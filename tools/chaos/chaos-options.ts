import { parseArgs } from 'node:util';

export interface ChaosOptions {
  /** Scenario names to run (all when empty). */
  scenarios: string[];
  rows: number;
  events: number;
  clients: number;
  outageSeconds: number;
}

export function chaosUsage(names: readonly string[]): string {
  return `Usage: npx nx run workspace-tools:chaos [-- flags]
  --scenario <name>   run only this scenario (repeatable); one of: ${names.join(', ')}
  --rows 2000         rows of each sentiment CSV job (gateway-restart, api-restart-web)
  --events 100000     MovieLens ratings in the recommender import (recommender-import; at most 100000)
  --outage-s 60       seconds a killed gateway or API stays down before it is started again (the issue measured 55 s)
  --clients 600       concurrent clients at the gateway (gateway-overload)`;
}

function whole(value: string | undefined, fallback: number, name: string, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`--${name} must be a whole number from 1 to ${max} (got '${value}')`);
  return n;
}

/** The suite's flags; an unknown flag, a bad number or an unknown scenario is an error (a typo never runs everything). */
export function parseChaosOptions(argv: readonly string[], names: readonly string[]): ChaosOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      scenario: { type: 'string', multiple: true },
      rows: { type: 'string' },
      events: { type: 'string' },
      clients: { type: 'string' },
      'outage-s': { type: 'string' },
      help: { type: 'boolean' },
    },
    allowPositionals: false,
  });
  if (values.help) throw new Error('help');
  const scenarios = values.scenario ?? [];
  const unknown = scenarios.filter((name) => !names.includes(name));
  if (unknown.length) throw new Error(`unknown scenario ${unknown.join(', ')}`);
  return {
    scenarios,
    rows: whole(values.rows, 2000, 'rows', 50_000),
    events: whole(values.events, 100_000, 'events', 100_000),
    clients: whole(values.clients, 600, 'clients', 2000),
    outageSeconds: whole(values['outage-s'], 60, 'outage-s', 1800),
  };
}
