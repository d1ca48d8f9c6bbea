/**
 * Per-product API keys and the models each product may call.
 *
 * Configured by `GATEWAY_API_KEYS`, one entry per product separated by `;`:
 *   `<product>:<key>:<model>[,<model>…]`  — `*` allows every model.
 * Example: `sentiment:s3cret:use-lite,sentiment-head;chatbot:k2:*`.
 * With no keys configured the gateway is open (local development), and says so at start-up.
 */
export interface ApiKeyGrant {
  product: string;
  models: '*' | ReadonlySet<string>;
}

export type AuthDecision = { ok: true; product: string | undefined } | { ok: false; status: 401 | 403; message: string };

export class ApiKeyTable {
  private constructor(private readonly grants: ReadonlyMap<string, ApiKeyGrant>) {}

  static parse(spec: string | undefined): ApiKeyTable {
    const grants = new Map<string, ApiKeyGrant>();
    for (const raw of (spec ?? '').split(';')) {
      const entry = raw.trim();
      if (!entry) continue;
      const [product, key, models, ...rest] = entry.split(':');
      if (!product || !key || !models || rest.length > 0) {
        throw new Error(`GATEWAY_API_KEYS: entry '${entry}' must look like <product>:<key>:<model>[,<model>…] or <product>:<key>:*`);
      }
      if (key.length < 8) throw new Error(`GATEWAY_API_KEYS: the key of product '${product}' is shorter than 8 characters`);
      if (grants.has(key)) throw new Error(`GATEWAY_API_KEYS: the key of product '${product}' is used twice`);
      const list = models
        .split(',')
        .map((m) => m.trim())
        .filter(Boolean);
      grants.set(key, { product, models: list.includes('*') ? '*' : new Set(list) });
    }
    return new ApiKeyTable(grants);
  }

  get enabled(): boolean {
    return this.grants.size > 0;
  }

  get products(): string[] {
    return [...this.grants.values()].map((g) => g.product);
  }

  /** Decides whether `key` may call `model` (undefined model: any authenticated caller). */
  authorize(key: string | undefined, model: string | undefined): AuthDecision {
    if (!this.enabled) return { ok: true, product: undefined };
    if (!key) return { ok: false, status: 401, message: 'missing API key: send it as "Authorization: Bearer <key>" or "x-api-key"' };
    const grant = this.grants.get(key);
    if (!grant) return { ok: false, status: 401, message: 'unknown API key' };
    if (model !== undefined && grant.models !== '*' && !grant.models.has(model)) {
      return { ok: false, status: 403, message: `product '${grant.product}' may not call model '${model}'` };
    }
    return { ok: true, product: grant.product };
  }
}

/** Reads the key from `Authorization: Bearer <key>` or `x-api-key`. */
export function apiKeyFromHeaders(headers: Record<string, string | string[] | undefined>): string | undefined {
  const auth = headers['authorization'];
  const value = Array.isArray(auth) ? auth[0] : auth;
  if (value?.toLowerCase().startsWith('bearer ')) return value.slice(7).trim() || undefined;
  const header = headers['x-api-key'];
  return (Array.isArray(header) ? header[0] : header)?.trim() || undefined;
}
