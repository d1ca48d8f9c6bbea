import { createHash, timingSafeEqual } from 'node:crypto';
import { modelIdSchema } from '@matrix/model-loading';
import { PRIORITIES, type Priority } from '../batching/dynamic-batcher';

/**
 * Per-product API keys, what each may do, and the priority lane its requests run in.
 *
 * Configured by `GATEWAY_API_KEYS`, one entry per key separated by `;`:
 *   `<product>:<key>:<infer models>[:admin=<models>][:lane=interactive|bulk]`
 * - infer models (the third field, also written `infer=<models>`): the models the key may call — task routes,
 *   Open Inference Protocol infer, metadata and readiness. `*` is every model, `-` none.
 * - `admin=<models>`: model control on those models — load, unload, register/replace (load with config).
 *   A product that registers its own trained heads gets `admin=<its heads>`; an operator key `admin=*`.
 * - `lane=`: the highest priority lane the key's requests run in (default interactive); a caller may
 *   ask for a lower lane (bulk), never a higher one.
 * Example: `sentiment:s3cret-12:use-lite-en,sentiment-head:admin=sentiment-head;ops:0ps-key-99:-:admin=*`.
 * An entry of the earlier form `<product>:<key>:<models>` still parses: it may call those models, no more.
 * With no keys configured the gateway is open (local development), and says so at start-up.
 */
export type ModelList = '*' | ReadonlySet<string>;

export const SCOPES = ['infer', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

export interface ApiKeyGrant {
  product: string;
  infer: ModelList;
  admin: ModelList;
  lane: Priority;
}

export type Authentication = { ok: true; grant: ApiKeyGrant | undefined } | { ok: false; status: 401; message: string };

export type AuthDecision = { ok: true; product: string | undefined } | { ok: false; status: 401 | 403; message: string };

const MIN_KEY_LENGTH = 8;
const PRODUCT_NAME = /^[\w.-]{1,64}$/;

const digest = (key: string) => createHash('sha256').update(key, 'utf8').digest();

export class ApiKeyTable {
  private constructor(private readonly entries: ReadonlyArray<{ digest: Buffer; grant: ApiKeyGrant }>) {}

  static parse(spec: string | undefined): ApiKeyTable {
    const entries: Array<{ digest: Buffer; grant: ApiKeyGrant }> = [];
    const seen = new Set<string>();
    for (const raw of (spec ?? '').split(';')) {
      const entry = raw.trim();
      if (!entry) continue;
      const [product, key, infer, ...options] = entry.split(':').map((part) => part.trim());
      const shown = `'${product ?? ''}:***'`;
      if (!product || !key || !infer) {
        throw new Error(`GATEWAY_API_KEYS: entry ${shown} must look like <product>:<key>:<models>[:admin=<models>][:lane=interactive|bulk]`);
      }
      if (!PRODUCT_NAME.test(product)) throw new Error(`GATEWAY_API_KEYS: product name '${product}' must be letters, digits, ".", "_" or "-"`);
      if (key.length < MIN_KEY_LENGTH) throw new Error(`GATEWAY_API_KEYS: the key of product '${product}' is shorter than ${MIN_KEY_LENGTH} characters`);
      const hex = digest(key).toString('hex');
      if (seen.has(hex)) throw new Error(`GATEWAY_API_KEYS: the key of product '${product}' is used twice`);
      seen.add(hex);
      const grant: ApiKeyGrant = { product, infer: modelList(product, 'infer', infer.replace(/^infer=/, '')), admin: new Set(), lane: 'interactive' };
      const given = new Set<string>();
      for (const option of options) {
        const [name, value, ...extra] = option.split('=');
        if (value === undefined || extra.length) throw new Error(`GATEWAY_API_KEYS: option '${option}' of product '${product}' must look like name=value`);
        if (given.has(name)) throw new Error(`GATEWAY_API_KEYS: option '${name}' of product '${product}' is given twice`);
        given.add(name);
        if (name === 'admin') grant.admin = modelList(product, 'admin', value);
        else if (name === 'lane') grant.lane = lane(product, value);
        else throw new Error(`GATEWAY_API_KEYS: unknown option '${name}' of product '${product}'; expected admin=<models> or lane=${PRIORITIES.join('|')}`);
      }
      entries.push({ digest: digest(key), grant });
    }
    return new ApiKeyTable(entries);
  }

  get enabled(): boolean {
    return this.entries.length > 0;
  }

  get products(): string[] {
    return this.entries.map((e) => e.grant.product);
  }

  /** One line for the start-up log: who may do what (never the keys). */
  describe(): string {
    if (!this.enabled) return 'API keys: none configured (GATEWAY_API_KEYS), so every caller may call and control every model — local development only';
    const list = (models: ModelList) => (models === '*' ? '*' : [...models].join(',') || '-');
    return `API keys: ${this.entries.map(({ grant: g }) => `${g.product} (infer ${list(g.infer)}; admin ${list(g.admin)}; lane ${g.lane})`).join(', ')}`;
  }

  /** Finds the key's grant (401 without a key or with an unknown one); with no keys configured everyone passes. */
  authenticate(key: string | undefined): Authentication {
    if (!this.enabled) return { ok: true, grant: undefined };
    if (!key) return { ok: false, status: 401, message: 'missing API key: send it as "Authorization: Bearer <key>" or "x-api-key"' };
    const grant = this.find(key);
    return grant ? { ok: true, grant } : { ok: false, status: 401, message: 'unknown API key' };
  }

  /** Whether `key` may use `model` with `scope` (403 naming the missing scope). */
  authorize(key: string | undefined, scope: Scope, model: string): AuthDecision {
    const auth = this.authenticate(key);
    if (!auth.ok) return auth;
    return allows(auth.grant, scope, model);
  }

  /** Every configured key is compared, in constant time over SHA-256 digests of equal length, so timing tells nothing about which. */
  private find(key: string): ApiKeyGrant | undefined {
    const presented = digest(key);
    let found: ApiKeyGrant | undefined;
    for (const entry of this.entries) {
      if (timingSafeEqual(entry.digest, presented) && !found) found = entry.grant;
    }
    return found;
  }
}

/** The scope check: `grant` undefined means keys are off (everything allowed). */
export function allows(grant: ApiKeyGrant | undefined, scope: Scope, model: string): AuthDecision {
  if (!grant) return { ok: true, product: undefined };
  const covers = (list: ModelList) => list === '*' || list.has(model);
  if (covers(grant[scope])) return { ok: true, product: grant.product };
  const has = SCOPES.filter((s) => s !== scope && covers(grant[s]));
  const note = has.length ? ` (it has the '${has.join("', '")}' scope for it)` : '';
  return { ok: false, status: 403, message: `the key of product '${grant.product}' lacks the '${scope}' scope for model '${model}'${note}` };
}

function modelList(product: string, scope: Scope, value: string): ModelList {
  const list = value
    .split(',')
    .map((m) => m.trim())
    .filter(Boolean);
  if (list.includes('*')) return '*';
  if (list.length === 1 && list[0] === '-') return new Set();
  if (!list.length) throw new Error(`GATEWAY_API_KEYS: the ${scope} models of product '${product}' are empty; write '-' for none or '*' for all`);
  const bad = list.filter((m) => !modelIdSchema.safeParse(m).success);
  if (bad.length) throw new Error(`GATEWAY_API_KEYS: '${bad.join("', '")}' in the ${scope} models of product '${product}' is not a model id`);
  return new Set(list);
}

function lane(product: string, value: string): Priority {
  const found = PRIORITIES.find((p) => p === value);
  if (!found) throw new Error(`GATEWAY_API_KEYS: lane '${value}' of product '${product}' must be ${PRIORITIES.join(' or ')}`);
  return found;
}

/** Reads the key from `Authorization: Bearer <key>` or `x-api-key`. */
export function apiKeyFromHeaders(headers: Record<string, string | string[] | undefined>): string | undefined {
  const auth = headers['authorization'];
  const value = Array.isArray(auth) ? auth[0] : auth;
  if (value?.toLowerCase().startsWith('bearer ')) return value.slice(7).trim() || undefined;
  const header = headers['x-api-key'];
  return (Array.isArray(header) ? header[0] : header)?.trim() || undefined;
}
