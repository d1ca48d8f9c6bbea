import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit, Optional } from '@nestjs/common';
import type { DbClient } from '@matrix/db';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../errors/api-error';
import { roleSatisfies, type StaffPrincipal, type StaffRole } from './access';
import { CredentialCache } from './credential-cache';
import { CSRF_COOKIE, CSRF_HEADER, parseCookies, SESSION_COOKIE, serializeCookie } from './cookies';
import { EVERY_PRODUCT, IdentityStore, type StaffAccount } from './identity-store';
import type { IdentitySettings } from './identity-settings';
import { secretsEqual, sha256 } from './secrets';

/** Injection token of the Prisma client on the platform database (the identity store). */
export const PLATFORM_DB = 'matrix:PlatformDb';
/** Injection token of the IdentitySettings. */
export const IDENTITY_SETTINGS = 'matrix:IdentitySettings';
/** Optional injection token of the clock the credential cache reads (tests). */
export const IDENTITY_CLOCK = 'matrix:IdentityClock';

/** The principal of the bootstrap token (MATRIX_ADMIN_TOKEN): no account behind it. */
export const BOOTSTRAP_PRINCIPAL_ID = 'bootstrap-token';

/** What the request's credentials prove, before any route's requirement is applied. */
export type Authentication =
  | { kind: 'none' }
  | { kind: 'invalid'; reason: string }
  | {
      kind: 'ok';
      via: StaffPrincipal['via'];
      /** The account (null for the bootstrap token). */
      user: StaffAccount | null;
      /** The caller's role in this product (null: no role here). */
      role: StaffRole | null;
      tokenId?: string;
      /** Cookie sessions only: the stored hash of the session's CSRF token. */
      csrfHash?: string;
    };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Set by the guard: what authenticate() found (controllers of /api/auth read it). */
export const AUTHENTICATION_KEY = 'matrixAuthentication';

export function authenticationOf(request: unknown): Authentication {
  return ((request as Record<string, unknown>)[AUTHENTICATION_KEY] as Authentication | undefined) ?? { kind: 'none' };
}

export const unauthenticated = (message = 'sign in, or send Authorization: Bearer <token>') =>
  new ApiError(401, 'unauthenticated', message, undefined, { 'www-authenticate': 'Bearer' });
export const forbidden = (message: string) => new ApiError(403, 'forbidden', message);
export const csrfFailed = () =>
  new ApiError(403, 'csrf_failed', `a signed-in write needs the ${CSRF_HEADER} header equal to the ${CSRF_COOKIE} cookie (sign in again if it is missing)`);

/**
 * Staff identity for one product API: who the request's credentials (session cookie, API token, or
 * the bootstrap token) belong to and their role in this product; sign-in sessions and cookies.
 * The store itself is the shared platform database.
 */
@Injectable()
export class IdentityService implements OnModuleInit, OnApplicationShutdown {
  readonly store: IdentityStore;
  private readonly logger = new Logger('Identity');
  /** Checked sessions and API tokens (STAFF_CREDENTIAL_CACHE_SECONDS): two store queries saved per staff request. */
  private readonly checked: CredentialCache<Authentication>;

  constructor(
    @Inject(PLATFORM_DB) readonly db: DbClient,
    @Inject(IDENTITY_SETTINGS) readonly settings: IdentitySettings,
    /** For tests: the credential cache's clock. */
    @Optional() @Inject(IDENTITY_CLOCK) now: () => number = Date.now,
  ) {
    this.store = new IdentityStore(db);
    this.checked = new CredentialCache(settings.credentialCacheMs, now);
    // A change made through this API (sign-out, revocation, roles, disabling) applies at its next request.
    this.store.onCredentialsChanged(() => this.checked.clear());
  }

  get product(): string {
    return this.settings.product;
  }

  /** MATRIX_ADMIN_EMAIL + MATRIX_ADMIN_PASSWORD: that admin (every product) is created at first boot if missing. */
  async onModuleInit(): Promise<void> {
    const first = this.settings.firstAdmin;
    if (!first || (await this.store.findByEmail(first.email))) return;
    try {
      await this.store.createUser({ email: first.email, name: 'Administrator', password: first.password, roles: [{ product: EVERY_PRODUCT, role: 'admin' }] });
      this.logger.log(`created the first admin ${first.email} (MATRIX_ADMIN_EMAIL; admin in every product)`);
    } catch (error) {
      // Another API booting at the same moment created it first.
      if (!(await this.store.findByEmail(first.email))) throw error;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.db.$disconnect();
  }

  /** Reads the credentials of a request: `Authorization: Bearer` first (no fallback to cookies when present), else the session cookie. */
  async authenticate(request: FastifyRequest): Promise<Authentication> {
    const header = request.headers.authorization;
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      if (!match) return { kind: 'invalid', reason: 'Authorization must be "Bearer <token>"' };
      return this.fromBearer(match[1]);
    }
    const token = parseCookies(request.headers.cookie)[SESSION_COOKIE];
    if (!token) return { kind: 'none' };
    const key = this.checked.enabled ? `session:${sha256(token)}` : '';
    const cached = key ? this.checked.get(key) : undefined;
    if (cached) return cached;
    const session = await this.store.resolveSession(token, this.settings.sessionTtlMs);
    if (!session) return { kind: 'invalid', reason: 'the session has expired or was signed out: sign in again' };
    const role = await this.store.roleIn(session.user.id, this.product);
    const auth: Authentication = { kind: 'ok', via: 'session', user: session.user, role: role?.role ?? null, csrfHash: session.csrfHash };
    // Never past the session's own expiry.
    if (key) this.checked.set(key, auth, session.expiresAt.getTime());
    return auth;
  }

  private async fromBearer(token: string): Promise<Authentication> {
    const bootstrap = this.settings.adminToken;
    if (bootstrap && secretsEqual(token, bootstrap)) return { kind: 'ok', via: 'bootstrap-token', user: null, role: 'admin' };
    const key = this.checked.enabled ? `token:${sha256(token)}` : '';
    const cached = key ? this.checked.get(key) : undefined;
    if (cached) return cached;
    const auth = await this.fromApiToken(token);
    // Only valid tokens are kept: a refused one is asked about again (it may be created a moment later).
    if (key && auth.kind === 'ok') this.checked.set(key, auth);
    return auth;
  }

  private async fromApiToken(token: string): Promise<Authentication> {
    const found = await this.store.resolveApiToken(token);
    if (!found || found.product !== this.product) return { kind: 'invalid', reason: 'the API token is not valid for this product (unknown or revoked)' };
    // A token never holds more than its owner's role here now (a demoted owner demotes their tokens).
    const owner = await this.store.roleIn(found.user.id, this.product);
    const role = owner && roleSatisfies(owner.role, found.role) ? found.role : null;
    return { kind: 'ok', via: 'api-token', user: found.user, role, tokenId: found.id };
  }

  /** A cookie-authenticated write must echo the CSRF cookie in the header, and that token must be the session's. */
  csrfOk(request: FastifyRequest, auth: Authentication): boolean {
    if (auth.kind !== 'ok' || auth.via !== 'session' || SAFE_METHODS.has(request.method.toUpperCase())) return true;
    const sent = request.headers[CSRF_HEADER];
    const cookie = parseCookies(request.headers.cookie)[CSRF_COOKIE];
    if (typeof sent !== 'string' || !sent || !cookie || !auth.csrfHash) return false;
    return secretsEqual(sent, cookie) && secretsEqual(sha256(sent), auth.csrfHash);
  }

  principalFrom(auth: Authentication): StaffPrincipal | null {
    if (auth.kind !== 'ok' || !auth.role) return null;
    if (auth.via === 'bootstrap-token') return { userId: BOOTSTRAP_PRINCIPAL_ID, email: BOOTSTRAP_PRINCIPAL_ID, role: 'admin', via: 'bootstrap-token' };
    if (!auth.user) return null;
    return { userId: auth.user.id, email: auth.user.email, role: auth.role, via: auth.via, ...(auth.tokenId ? { tokenId: auth.tokenId } : {}) };
  }

  /** Set-Cookie values of a new session. */
  sessionCookies(session: { token: string; csrfToken: string }): string[] {
    const secure = this.settings.cookieSecure;
    return [
      serializeCookie(SESSION_COOKIE, session.token, { httpOnly: true, secure }),
      serializeCookie(CSRF_COOKIE, session.csrfToken, { httpOnly: false, secure }),
    ];
  }

  /** Set-Cookie values that delete both cookies. */
  clearedCookies(): string[] {
    const secure = this.settings.cookieSecure;
    return [
      serializeCookie(SESSION_COOKIE, '', { httpOnly: true, secure, maxAge: 0 }),
      serializeCookie(CSRF_COOKIE, '', { httpOnly: false, secure, maxAge: 0 }),
    ];
  }
}
