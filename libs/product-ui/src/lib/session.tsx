'use client';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError } from './api-error';
import { apiFetch, SIGN_IN_PATH } from './api-fetch';
import { roleAllows, type StaffRole, type StaffSession } from './roles';

export type SessionStatus = 'loading' | 'signed-in' | 'signed-out' | 'unavailable';

export interface SessionState {
  status: SessionStatus;
  /** Who is signed in (status 'signed-in'). */
  session: StaffSession | null;
  /** Why the session could not be read (status 'unavailable': the API is down). */
  error?: unknown;
  /** Read the session again (after sign-in). */
  reload: () => void;
  /** Signs out (POST /api/auth/sign-out) and goes to the sign-in page. */
  signOut: () => Promise<void>;
}

const noop = () => undefined;

/** Outside a SessionProvider (unit tests, a page rendered alone) nobody is signed in: admin-only things stay hidden. */
const SIGNED_OUT: SessionState = { status: 'signed-out', session: null, reload: noop, signOut: async () => undefined };

const SessionContext = createContext<SessionState>(SIGNED_OUT);

export interface SessionProviderProps {
  children: ReactNode;
  /** A known session (tests, a server-rendered page); skips the first GET /api/auth/session. */
  initial?: StaffSession | null;
  fetchImpl?: typeof fetch;
}

/** Reads GET /api/auth/session once (401 → signed out) and shares it with useSession() below. */
export function SessionProvider({ children, initial, fetchImpl }: SessionProviderProps) {
  const [version, setVersion] = useState(initial === undefined ? 1 : 0);
  const [state, setState] = useState<Pick<SessionState, 'status' | 'session' | 'error'>>(
    initial === undefined ? { status: 'loading', session: null } : { status: initial ? 'signed-in' : 'signed-out', session: initial },
  );

  useEffect(() => {
    if (version === 0) return undefined;
    const controller = new AbortController();
    apiFetch<StaffSession>('/api/auth/session', { signal: controller.signal, fetchImpl, signInOnUnauthenticated: false }).then(
      (session) => setState({ status: 'signed-in', session }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError && (error.status === 401 || error.status === 403)) setState({ status: 'signed-out', session: null });
        else setState({ status: 'unavailable', session: null, error });
      },
    );
    return () => controller.abort();
  }, [version, fetchImpl]);

  const reload = useCallback(() => setVersion((value) => value + 1), []);
  const signOut = useCallback(async () => {
    await apiFetch('/api/auth/sign-out', { method: 'POST', fetchImpl, signInOnUnauthenticated: false }).catch(() => undefined);
    setState({ status: 'signed-out', session: null });
    if (typeof window !== 'undefined') window.location.assign(SIGN_IN_PATH);
  }, [fetchImpl]);

  const value = useMemo<SessionState>(() => ({ ...state, reload, signOut }), [state, reload, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** The signed-in staff member (or why there is none). */
export function useSession(): SessionState {
  return useContext(SessionContext);
}

/** `can('admin')`: whether the signed-in person's role allows what requires `role` (false while loading or signed out). */
export function useCan(): (role: StaffRole) => boolean {
  const { session } = useSession();
  return useCallback((role: StaffRole) => roleAllows(session?.role, role), [session?.role]);
}

export interface RequireRoleProps {
  role: StaffRole;
  children: ReactNode;
  /** Shown instead to those whose role does not allow it (default nothing). */
  fallback?: ReactNode;
}

/**
 * Renders its children only for a role that may use them: `<RequireRole role="admin"><button>Delete</button></RequireRole>`.
 * It hides; the API refuses anyway (403), so this is about not offering what would fail.
 */
export function RequireRole({ role, children, fallback = null }: RequireRoleProps) {
  const can = useCan();
  return <>{can(role) ? children : fallback}</>;
}

/** The header's account area: who is signed in, their role in this product, and Sign out (or Sign in when signed out). */
export function SessionControls({ signInHref = SIGN_IN_PATH }: { signInHref?: string }) {
  const { status, session, signOut } = useSession();
  const [busy, setBusy] = useState(false);
  if (status === 'loading') return null;
  if (status !== 'signed-in' || !session) {
    if (status === 'unavailable') return null;
    return (
      <div className="mx-session">
        <a className="mx-button mx-button--secondary mx-button--small" href={signInHref}>
          Staff sign-in
        </a>
      </div>
    );
  }
  return (
    <div className="mx-session" aria-label="Signed in">
      <span className="mx-session__user">
        <span className="mx-session__email">{session.user.email}</span>{' '}
        <span className="mx-badge mx-session__role" title={`Your role in ${session.product}`}>
          {session.role ?? 'no role'}
        </span>
      </span>
      <button
        type="button"
        className="mx-button mx-button--secondary mx-button--small"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          void signOut().finally(() => setBusy(false));
        }}
      >
        Sign out
      </button>
    </div>
  );
}
