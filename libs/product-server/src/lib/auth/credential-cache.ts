/** Most credentials one API keeps checked at once; past it the oldest entry goes (busy consoles are far below it). */
const MAX_ENTRIES = 10_000;

/**
 * Checked credentials (a session cookie's or an API token's outcome) kept in memory for a short time, so that a busy
 * staff client does not cost two identity-store queries per request. Keyed by the credential's SHA-256, never by the
 * credential itself. An entry is used until `expiresAt` (the caller caps it by the TTL and, for a session, by the
 * session's own expiry); `clear()` drops every entry when this process changes identities (sign-out, revocation, roles).
 */
export class CredentialCache<T> {
  private readonly entries = new Map<string, { value: T; expiresAt: number }>();

  constructor(
    /** 0 turns the cache off. */
    readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get enabled(): boolean {
    return this.ttlMs > 0;
  }

  get(key: string): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt > this.now()) return entry.value;
    this.entries.delete(key);
    return undefined;
  }

  /** Keeps `value` for the TTL, or until `notAfter` (ms since the epoch) when that comes first. */
  set(key: string, value: T, notAfter = Infinity): void {
    if (!this.enabled) return;
    const expiresAt = Math.min(this.now() + this.ttlMs, notAfter);
    this.entries.delete(key); // re-inserted at the end: Map order is age order for the eviction below
    this.entries.set(key, { value, expiresAt });
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
  }

  clear(): void {
    this.entries.clear();
  }
}
