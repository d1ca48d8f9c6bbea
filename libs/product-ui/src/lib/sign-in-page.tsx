'use client';
import { useState, type FormEvent } from 'react';
import { ApiError, errorMessage } from './api-error';
import { apiFetch, safeNextPath } from './api-fetch';
import { Card } from './card';
import { PageHeader } from './page-header';
import type { StaffSession } from './roles';
import { useSession } from './session';

/** What the person reads when sign-in fails: wrong credentials, too many tries (with the wait), or the API down. */
export function signInErrorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 401) return 'The e-mail or password is not right. Check both and try again.';
    if (error.status === 429) {
      const wait = error.retryAfterSeconds;
      return wait
        ? `Too many sign-in attempts. Try again in ${wait >= 120 ? `${Math.ceil(wait / 60)} minutes` : `${wait} second${wait === 1 ? '' : 's'}`}.`
        : 'Too many sign-in attempts. Wait a moment and try again.';
    }
    if (error.status === 403) return 'You have no role in this product. Ask an admin to give you one.';
    if (error.status === 0 || error.status >= 500) return 'The sign-in service cannot be reached right now. Try again in a moment.';
  }
  return errorMessage(error);
}

export interface SignInPageProps {
  productName: string;
  /** Where to go after sign-in (the `next` query parameter); only a path of this site is followed. */
  next?: string | null;
  /** Leaves the page after sign-in (default: a full navigation, so every component reads the new session). */
  onSignedIn?: (session: StaffSession, next: string) => void;
  fetchImpl?: typeof fetch;
}

/** The sign-in page of every product web (app/sign-in/page.tsx renders it with the `next` search parameter). */
export function SignInPage({ productName, next, onSignedIn, fetchImpl }: SignInPageProps) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const target = safeNextPath(next);
  const current = useSession();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const session = await apiFetch<StaffSession>('/api/auth/sign-in', {
        method: 'POST',
        json: { email: email.trim(), password },
        fetchImpl,
        signInOnUnauthenticated: false,
      });
      if (!session.role) {
        // Signed in, but nothing to do here: say so rather than open pages that all answer 403.
        await apiFetch('/api/auth/sign-out', { method: 'POST', fetchImpl, signInOnUnauthenticated: false }).catch(() => undefined);
        throw new ApiError('no role here', 403, 'forbidden');
      }
      if (onSignedIn) onSignedIn(session, target);
      else window.location.assign(target);
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };

  return (
    <div className="mx-sign-in">
      <PageHeader title="Sign in" description={`Staff sign-in for ${productName}. One account works in every product you have a role in.`} />
      <Card>
        <form className="mx-stack" onSubmit={(event) => void submit(event)} aria-label="Sign in" noValidate>
          {current.status === 'signed-in' && current.session ? (
            <p className="mx-muted" role="status">
              You are signed in as {current.session.user.email}. <a href={target}>Continue</a>, or sign in as someone else.
            </p>
          ) : null}
          {error ? (
            <div className="mx-error" role="alert">
              <div className="mx-error__body">
                <p className="mx-error__title">Could not sign in</p>
                <p className="mx-error__message">{signInErrorMessage(error)}</p>
              </div>
            </div>
          ) : null}
          <div className="mx-field">
            <label htmlFor="sign-in-email">E-mail</label>
            <input
              id="sign-in-email"
              className="mx-input"
              type="email"
              name="email"
              autoComplete="username"
              required
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
          </div>
          <div className="mx-field">
            <label htmlFor="sign-in-password">Password</label>
            <input
              id="sign-in-password"
              className="mx-input"
              type="password"
              name="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          </div>
          <button type="submit" className="mx-button" disabled={busy || !email.trim() || !password}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      </Card>
    </div>
  );
}
