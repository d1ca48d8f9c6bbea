// Staff sign-in as every product API answers it (/api/auth/*, issue 14) and every product web reads it.

export type StaffRoleName = 'admin' | 'agent' | 'analyst' | 'viewer';

/** Cookie names and the CSRF header of cookie-authenticated writes (POST/PUT/PATCH/DELETE). */
export const SESSION_COOKIE_NAME = 'matrix_session';
export const CSRF_COOKIE_NAME = 'matrix_csrf';
export const CSRF_HEADER_NAME = 'x-csrf-token';

/** POST /api/auth/sign-in and GET /api/auth/session. */
export interface AuthSession {
  user: { id: string; email: string; name: string };
  /** The product key, e.g. 'sentiment', 'support-chatbot'. */
  product: string;
  /** The role in this product; null when the account has none here (its staff routes answer 403). */
  role: StaffRoleName | null;
  /** Send as x-csrf-token on writes (null for Bearer callers). */
  csrfToken: string | null;
}

/** GET /api/auth/users items (admin of the product). */
export interface StaffUserView {
  id: string;
  email: string;
  name: string;
  role: StaffRoleName | null;
  /** The role comes from an every-product grant (a first admin). */
  everyProduct: boolean;
  disabled: boolean;
  createdAt: string;
}

/** GET /api/auth/tokens items (never the token itself). */
export interface ApiTokenInfo {
  id: string;
  name: string;
  product: string;
  role: StaffRoleName;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** POST /api/auth/tokens: the token is in this answer only. */
export interface CreatedApiToken {
  id: string;
  token: string;
  name: string;
  role: StaffRoleName;
  product: string;
}
