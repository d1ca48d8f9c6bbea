/** A staff member's role in one product (the same words as the API's access rules, libs/product-server auth/access.ts). */
export type StaffRole = 'admin' | 'agent' | 'analyst' | 'viewer';
export const STAFF_ROLES: readonly StaffRole[] = ['admin', 'agent', 'analyst', 'viewer'];

/**
 * Whether a person holding `held` may use what requires `required`: admin always; `viewer` means any
 * role; otherwise the same role. Mirrors the API's rule (roleSatisfies), which decides in the end: a
 * page hides what the person may not use, the API refuses it anyway.
 */
export function roleAllows(held: StaffRole | null | undefined, required: StaffRole): boolean {
  if (!held) return false;
  return held === 'admin' || required === 'viewer' || held === required;
}

/** Who is signed in, as GET /api/auth/session and POST /api/auth/sign-in answer. */
export interface StaffSession {
  user: { id: string; email: string; name?: string | null };
  product: string;
  /** The role in this product; null when the account has none here (the API then answers 403 on staff routes). */
  role: StaffRole | null;
  csrfToken?: string | null;
}
