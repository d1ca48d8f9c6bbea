import { SetMetadata, applyDecorators, createParamDecorator, type ExecutionContext } from '@nestjs/common';

/**
 * Who may call a route. Every product route declares one of these (deny by default: a route without
 * a declaration is treated as admin-only, and `workspace-tools:security-audit` reports it).
 *
 * - public:  anyone, no credentials (health, sign-in, a chat visitor opening a conversation).
 * - staff:   a signed-in staff member (session cookie, or `Authorization: Bearer` API token) whose
 *            role in THIS product satisfies `role` (see `roleSatisfies`).
 * - visitor: an end user holding a resource token (e.g. a chat conversation's token in
 *            `X-Conversation-Token`); the guard lets the request through only when such a header is
 *            present, and the handler checks that the token belongs to the resource it reads or writes.
 */
export type StaffRole = 'admin' | 'agent' | 'analyst' | 'viewer';
export const STAFF_ROLES: readonly StaffRole[] = ['admin', 'agent', 'analyst', 'viewer'];

/**
 * Named rate-limit buckets the throttler applies (per IP for sign-in, per token/conversation for public routes;
 * `staff`: per credential, as staff routes are — for a public route staff call on every page load, GET /api/auth/session).
 */
export type RateLimitBucket = 'sign-in' | 'public' | 'visitor' | 'staff';

export type RouteAccess =
  | { kind: 'public'; rateLimit?: RateLimitBucket }
  | { kind: 'staff'; role: StaffRole }
  | { kind: 'visitor'; header: string; rateLimit?: RateLimitBucket };

export const ROUTE_ACCESS = 'matrix:route-access';

/** Open to anyone; say why in a comment beside it. */
export const Public = (options: { rateLimit?: RateLimitBucket } = {}) =>
  SetMetadata(ROUTE_ACCESS, { kind: 'public', rateLimit: options.rateLimit ?? 'public' } satisfies RouteAccess);

/** Staff whose role in this product satisfies `role` (admin always does; `viewer` means any role). */
export const Roles = (role: StaffRole) => SetMetadata(ROUTE_ACCESS, { kind: 'staff', role } satisfies RouteAccess);

/** End users holding a resource token sent in `header` (lower-case), e.g. 'x-conversation-token'. */
export const Visitor = (header: string) =>
  applyDecorators(SetMetadata(ROUTE_ACCESS, { kind: 'visitor', header: header.toLowerCase(), rateLimit: 'visitor' } satisfies RouteAccess));

/** Whether a staff member holding `held` may call a route that requires `required`. */
export function roleSatisfies(held: StaffRole | null | undefined, required: StaffRole): boolean {
  if (!held) return false;
  return held === 'admin' || required === 'viewer' || held === required;
}

/** The signed-in caller the guard puts on the request (null on public and visitor routes without staff credentials). */
export interface StaffPrincipal {
  userId: string;
  email: string;
  /** The caller's role in this product. */
  role: StaffRole;
  /** How the caller proved who they are. */
  via: 'session' | 'api-token' | 'bootstrap-token';
  /** Set when via is 'api-token'. */
  tokenId?: string;
}

export const PRINCIPAL_KEY = 'matrixPrincipal';

/** Reads the staff principal the auth guard attached to the request (null when none). */
export function principalOf(request: unknown): StaffPrincipal | null {
  return ((request as Record<string, unknown> | null)?.[PRINCIPAL_KEY] as StaffPrincipal | undefined) ?? null;
}

/** Handler parameter: the signed-in staff member (for the audit log), or null. */
export const CurrentStaff = createParamDecorator((_data: unknown, context: ExecutionContext): StaffPrincipal | null =>
  principalOf(context.switchToHttp().getRequest()),
);
