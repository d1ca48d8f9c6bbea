import { parseArgs } from 'node:util';

export const SCALE_OUT_PRODUCTS = ['sentiment', 'support-chatbot', 'recommender', 'image-tagger'] as const;
export type ScaleOutProduct = (typeof SCALE_OUT_PRODUCTS)[number];
/** The faults the test can make: SIGKILL, then a restart at the same address. */
export const SCALE_OUT_KILLS = ['gateway-1', 'sentiment-api-2'] as const;
export type ScaleOutKill = (typeof SCALE_OUT_KILLS)[number];

export interface ScaleOutOptions {
  products: ScaleOutProduct[];
  durationSeconds: number;
  /** Closed-loop clients per product. */
  clients: number;
  kills: ScaleOutKill[];
  /** How long a killed replica stays down before it is started again. */
  outageSeconds: number;
  /** Ratings imported into the recommender before it is trained. */
  ratings: number;
}

export function scaleOutUsage(): string {
  return `Usage: npx nx run workspace-tools:scale-out-e2e [-- flags]
  --product <name>   load only this product (repeatable); one of: ${SCALE_OUT_PRODUCTS.join(', ')} (default: all)
  --duration 150     seconds of load (the kills happen at 20 % and 45 % of it)
  --clients 2        closed-loop clients per product
  --kill <name>      kill (SIGKILL) and restart this replica mid-run (repeatable); one of: ${SCALE_OUT_KILLS.join(', ')}, or none (default: both)
  --outage-s 5       seconds a killed replica stays down before it is started again
  --ratings 20000    MovieLens ratings imported into the recommender before it is trained`;
}

function whole(value: string | undefined, fallback: number, name: string, max: number, min = 1): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} must be a whole number from ${min} to ${max} (got '${value}')`);
  return n;
}

function oneOf<T extends string>(values: readonly string[] | undefined, allowed: readonly T[], name: string, fallback: readonly T[]): T[] {
  if (!values?.length) return [...fallback];
  const unknown = values.filter((value) => !allowed.includes(value as T));
  if (unknown.length) throw new Error(`unknown --${name} ${unknown.join(', ')} (one of: ${allowed.join(', ')})`);
  return [...new Set(values as T[])];
}

/** The test's flags; an unknown flag or value is an error (a typo never runs something else). */
export function parseScaleOutOptions(argv: readonly string[]): ScaleOutOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      product: { type: 'string', multiple: true },
      duration: { type: 'string' },
      clients: { type: 'string' },
      kill: { type: 'string', multiple: true },
      'outage-s': { type: 'string' },
      ratings: { type: 'string' },
      help: { type: 'boolean' },
    },
    allowPositionals: false,
  });
  if (values.help) throw new Error('help');
  const noKills = values.kill?.length === 1 && values.kill[0] === 'none';
  const options: ScaleOutOptions = {
    products: oneOf(values.product, SCALE_OUT_PRODUCTS, 'product', SCALE_OUT_PRODUCTS),
    durationSeconds: whole(values.duration, 150, 'duration', 3600, 10),
    clients: whole(values.clients, 2, 'clients', 64),
    kills: noKills ? [] : oneOf(values.kill, SCALE_OUT_KILLS, 'kill', SCALE_OUT_KILLS),
    outageSeconds: whole(values['outage-s'], 5, 'outage-s', 600, 0),
    ratings: whole(values.ratings, 20_000, 'ratings', 100_000, 100),
  };
  if (options.kills.includes('sentiment-api-2') && !options.products.includes('sentiment')) {
    throw new Error('--kill sentiment-api-2 needs the sentiment product under load');
  }
  return options;
}
