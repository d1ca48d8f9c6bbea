import type { DbClient } from '@matrix/db';
import { STAFF_ROLES, type StaffRole } from './access';
import { hashPassword, newToken, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, sha256, verifyDummyPassword, verifyPassword } from './secrets';

/** The `product` of a role row that applies in every product (a first admin, `users create --admin`). */
export const EVERY_PRODUCT = '*';
/** API tokens start with this, so a leaked one is recognisable (secret scanners, logs). */
export const API_TOKEN_PREFIX = 'mxt_';
/** lastSeenAt / lastUsedAt are written at most this often per session or token (not on every request). */
const TOUCH_INTERVAL_MS = 60_000;

export interface StaffAccount {
  id: string;
  email: string;
  name: string;
  disabled: boolean;
  createdAt: Date;
}

export interface AccountWithRole extends StaffAccount {
  /** The role in the product asked about (a product's own row, else an every-product row), null when none. */
  role: StaffRole | null;
  /** True when the role comes from an every-product row (a first admin). */
  everyProduct: boolean;
}

export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

export interface ApiTokenView {
  id: string;
  name: string;
  product: string;
  role: StaffRole;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export class IdentityError extends Error {
  constructor(
    readonly code: 'conflict' | 'not_found' | 'invalid_password' | 'invalid_email',
    message: string,
  ) {
    super(message);
    this.name = 'IdentityError';
  }
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function isStaffRole(value: unknown): value is StaffRole {
  return typeof value === 'string' && (STAFF_ROLES as readonly string[]).includes(value);
}

export function checkPassword(password: string): void {
  if (password.length < PASSWORD_MIN_LENGTH) throw new IdentityError('invalid_password', `a password needs at least ${PASSWORD_MIN_LENGTH} characters`);
  if (password.length > PASSWORD_MAX_LENGTH) throw new IdentityError('invalid_password', `a password has at most ${PASSWORD_MAX_LENGTH} characters`);
}

const account = (row: StaffAccount): StaffAccount => ({ id: row.id, email: row.email, name: row.name, disabled: row.disabled, createdAt: row.createdAt });

/**
 * The staff identity store on the platform database (one for every product): accounts with argon2id
 * passwords, a role per product, sessions and API tokens kept as SHA-256 hashes. Used by the API
 * (IdentityService) and by `npm run users`.
 */
export class IdentityStore {
  private readonly changeListeners = new Set<() => void>();

  constructor(readonly db: DbClient) {}

  /**
   * Called after every change that can end or narrow a credential (sign-out, revocation, role change, disabling,
   * new password): the API's credential cache listens, so such a change through this API applies at its next request.
   */
  onCredentialsChanged(listener: () => void): void {
    this.changeListeners.add(listener);
  }

  private credentialsChanged(): void {
    for (const listener of this.changeListeners) listener();
  }

  async countUsers(): Promise<number> {
    return this.db.staffUser.count();
  }

  async findByEmail(email: string): Promise<StaffAccount | null> {
    const row = await this.db.staffUser.findUnique({ where: { email: normalizeEmail(email) } });
    return row && account(row);
  }

  async findById(id: string): Promise<StaffAccount | null> {
    const row = await this.db.staffUser.findUnique({ where: { id } });
    return row && account(row);
  }

  /** Creates an account; `roles` as [product, role] pairs (product `*` = every product). 409-style error if the e-mail exists. */
  async createUser(input: { email: string; name?: string; password: string; roles: Array<{ product: string; role: StaffRole }> }): Promise<StaffAccount> {
    const email = normalizeEmail(input.email);
    if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw new IdentityError('invalid_email', `'${input.email}' is not an e-mail address`);
    checkPassword(input.password);
    if (await this.db.staffUser.findUnique({ where: { email } })) throw new IdentityError('conflict', `a user with e-mail ${email} already exists`);
    const passwordHash = await hashPassword(input.password);
    try {
      const row = await this.db.staffUser.create({
        data: { email, name: input.name?.trim() ?? '', passwordHash, roles: { create: input.roles.map(({ product, role }) => ({ product, role })) } },
      });
      return account(row);
    } catch (error) {
      if ((error as { code?: string }).code === 'P2002') throw new IdentityError('conflict', `a user with e-mail ${email} already exists`);
      throw error;
    }
  }

  async setPassword(userId: string, password: string): Promise<void> {
    checkPassword(password);
    await this.db.staffUser.update({ where: { id: userId }, data: { passwordHash: await hashPassword(password) } });
    this.credentialsChanged();
  }

  /** The account whose e-mail and password match (and is not disabled), else null; the same argon2 work either way. */
  async verifyCredentials(email: string, password: string): Promise<StaffAccount | null> {
    const row = await this.db.staffUser.findUnique({ where: { email: normalizeEmail(email) } });
    if (!row) return verifyDummyPassword(password).then(() => null);
    const ok = await verifyPassword(row.passwordHash, password);
    return ok && !row.disabled ? account(row) : null;
  }

  /** The user's role in `product`: the product's own row wins over an every-product row. */
  async roleIn(userId: string, product: string): Promise<{ role: StaffRole; everyProduct: boolean } | null> {
    const rows = await this.db.staffRole.findMany({ where: { userId, product: { in: [product, EVERY_PRODUCT] } } });
    const own = rows.find((row) => row.product === product);
    const chosen = own ?? rows.find((row) => row.product === EVERY_PRODUCT);
    if (!chosen || !isStaffRole(chosen.role)) return null;
    return { role: chosen.role, everyProduct: !own };
  }

  /** Sets (or with null removes) the user's own role row in `product`. */
  async setRole(userId: string, product: string, role: StaffRole | null): Promise<void> {
    if (!(await this.db.staffUser.findUnique({ where: { id: userId } }))) throw new IdentityError('not_found', `user '${userId}' does not exist`);
    if (role === null) await this.db.staffRole.deleteMany({ where: { userId, product } });
    else await this.db.staffRole.upsert({ where: { userId_product: { userId, product } }, create: { userId, product, role }, update: { role } });
    this.credentialsChanged();
  }

  /** Users holding a role in `product` (own or every-product), oldest first; every user when product is undefined. */
  async listUsers(product?: string): Promise<AccountWithRole[]> {
    const rows = await this.db.staffUser.findMany({
      where: product ? { roles: { some: { product: { in: [product, EVERY_PRODUCT] } } } } : {},
      include: { roles: true },
      orderBy: { createdAt: 'asc' },
    });
    return rows.map((row) => {
      const own = product ? row.roles.find((r) => r.product === product) : undefined;
      const every = row.roles.find((r) => r.product === EVERY_PRODUCT);
      const chosen = own ?? every;
      return { ...account(row), role: chosen && isStaffRole(chosen.role) ? chosen.role : null, everyProduct: !own && !!every };
    });
  }

  /** Every role row of a user (for the CLI's list). */
  async rolesOf(userId: string): Promise<Array<{ product: string; role: string }>> {
    return this.db.staffRole.findMany({ where: { userId }, select: { product: true, role: true }, orderBy: { product: 'asc' } });
  }

  /** Disables (or re-enables) an account; disabling ends its sessions (its tokens stop working while disabled). */
  async setDisabled(userId: string, disabled: boolean): Promise<void> {
    await this.db.staffUser.update({ where: { id: userId }, data: { disabled } });
    if (disabled) await this.db.staffSession.deleteMany({ where: { userId } });
    this.credentialsChanged();
  }

  async createSession(userId: string, ttlMs: number): Promise<NewSession> {
    const token = newToken();
    const csrfToken = newToken();
    const expiresAt = new Date(Date.now() + ttlMs);
    await this.db.staffSession.create({ data: { tokenHash: sha256(token), csrfHash: sha256(csrfToken), userId, expiresAt } });
    return { token, csrfToken, expiresAt };
  }

  /**
   * The live session of a cookie token and its (enabled) user, else null. Sliding expiry: each use
   * (at most once a minute) moves lastSeenAt to now and expiresAt to now + ttl. An expired row is deleted.
   */
  async resolveSession(token: string, ttlMs: number): Promise<{ sessionId: string; csrfHash: string; user: StaffAccount; expiresAt: Date } | null> {
    const row = await this.db.staffSession.findUnique({ where: { tokenHash: sha256(token) }, include: { user: true } });
    if (!row) return null;
    const now = Date.now();
    if (row.expiresAt.getTime() <= now) {
      await this.db.staffSession.deleteMany({ where: { id: row.id } });
      return null;
    }
    if (row.user.disabled) return null;
    let expiresAt = row.expiresAt;
    if (now - row.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
      expiresAt = new Date(now + ttlMs);
      await this.db.staffSession.updateMany({ where: { id: row.id }, data: { lastSeenAt: new Date(now), expiresAt } });
    }
    return { sessionId: row.id, csrfHash: row.csrfHash, user: account(row.user), expiresAt };
  }

  async deleteSession(token: string): Promise<void> {
    await this.db.staffSession.deleteMany({ where: { tokenHash: sha256(token) } });
    this.credentialsChanged();
  }

  /** Removes sessions past their expiry (housekeeping; expired ones are refused anyway). */
  async deleteExpiredSessions(): Promise<number> {
    return (await this.db.staffSession.deleteMany({ where: { expiresAt: { lt: new Date() } } })).count;
  }

  /** A new API token for `userId` in `product`; the token is in the answer only (the store keeps its SHA-256). */
  async createApiToken(input: { userId: string; product: string; name: string; role: StaffRole }): Promise<{ id: string; token: string }> {
    const token = newToken(API_TOKEN_PREFIX);
    const row = await this.db.apiToken.create({
      data: { name: input.name, tokenHash: sha256(token), userId: input.userId, product: input.product, role: input.role },
    });
    return { id: row.id, token };
  }

  /** The unrevoked token with this value and its (enabled) owner, else null; notes lastUsedAt (at most once a minute). */
  async resolveApiToken(token: string): Promise<{ id: string; product: string; role: StaffRole; user: StaffAccount } | null> {
    const row = await this.db.apiToken.findUnique({ where: { tokenHash: sha256(token) }, include: { user: true } });
    if (!row || row.revokedAt || row.user.disabled || !isStaffRole(row.role)) return null;
    const now = Date.now();
    if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
      await this.db.apiToken.updateMany({ where: { id: row.id }, data: { lastUsedAt: new Date(now) } });
    }
    return { id: row.id, product: row.product, role: row.role, user: account(row.user) };
  }

  async listApiTokens(userId: string, product: string): Promise<ApiTokenView[]> {
    const rows = await this.db.apiToken.findMany({ where: { userId, product }, orderBy: { createdAt: 'desc' } });
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      product: row.product,
      role: row.role as StaffRole,
      createdAt: row.createdAt,
      lastUsedAt: row.lastUsedAt,
      revokedAt: row.revokedAt,
    }));
  }

  /** Revokes one of the user's tokens in `product`; false when there is no such token. */
  async revokeApiToken(userId: string, product: string, id: string): Promise<boolean> {
    const { count } = await this.db.apiToken.updateMany({ where: { id, userId, product, revokedAt: null }, data: { revokedAt: new Date() } });
    this.credentialsChanged();
    if (count) return true;
    return !!(await this.db.apiToken.findFirst({ where: { id, userId, product } })); // already revoked: still a success
  }
}
