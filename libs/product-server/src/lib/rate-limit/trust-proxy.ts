/**
 * Fastify's `trustProxy` from TRUST_PROXY: which proxies' X-Forwarded-For sets `request.ip` (the client IP that
 * sign-in and public rate limits count by).
 * - unset: `loopback` — the product web's same-origin proxy on this host forwards the browser's address;
 * - `false`/`0`/`off`: none (request.ip is the socket's peer);
 * - `true`: every hop (only behind a proxy that overwrites X-Forwarded-For);
 * - a number: that many hops;
 * - otherwise a comma-separated list of addresses, CIDR ranges or `loopback`/`linklocal`/`uniquelocal`.
 */
export function trustProxyFrom(env: NodeJS.ProcessEnv): boolean | number | string[] {
  const value = (env.TRUST_PROXY ?? '').trim();
  if (!value) return ['loopback'];
  const lower = value.toLowerCase();
  if (['false', 'off', 'no', '0'].includes(lower)) return false;
  if (['true', 'on', 'yes'].includes(lower)) return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}
