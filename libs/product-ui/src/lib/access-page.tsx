'use client';
import { useState, type FormEvent } from 'react';
import { apiFetch } from './api-fetch';
import { Card } from './card';
import { DataTable } from './data-table';
import { ErrorBanner } from './error-banner';
import { ProductPage } from './product-page';
import { STAFF_ROLES, type StaffRole } from './roles';
import { RequireRole, useSession } from './session';
import { useApiQuery } from './use-api-query';

/** A staff member of this product as GET /api/auth/users lists them (role null: no role here any more). */
export interface StaffUserRow {
  id: string;
  email: string;
  name?: string | null;
  role: StaffRole | null;
}

/** A personal API token as GET /api/auth/tokens lists it (never the secret itself). */
export interface ApiTokenRow {
  id: string;
  name: string;
  role?: StaffRole | null;
  createdAt?: string;
  lastUsedAt?: string | null;
  revokedAt?: string | null;
}

/** Lists come as an array or as a page `{items}`: read both. */
export function listItems<T>(data: T[] | { items: T[] } | undefined): T[] {
  if (!data) return [];
  return Array.isArray(data) ? data : (data.items ?? []);
}

export function formatTime(value: string | null | undefined): string {
  if (!value) return '—';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toLocaleString();
}

/** Roles a product offers: the chatbot has agents, the others do not. */
export interface AccessPageProps {
  roles?: StaffRole[];
}

function UsersCard({ roles }: { roles: StaffRole[] }) {
  const users = useApiQuery<StaffUserRow[] | { items: StaffUserRow[] }>('/api/auth/users');
  const { session } = useSession();
  const [error, setError] = useState<unknown>(null);
  const [form, setForm] = useState({ email: '', name: '', password: '', role: roles[roles.length - 1] ?? 'viewer' });
  const [busy, setBusy] = useState(false);

  const addUser = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await apiFetch('/api/auth/users', {
        method: 'POST',
        json: { email: form.email.trim(), name: form.name.trim() || undefined, password: form.password, role: form.role },
      });
      setForm({ ...form, email: '', name: '', password: '' });
      users.reload();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const changeRole = async (user: StaffUserRow, role: StaffRole | null) => {
    setError(null);
    try {
      await apiFetch(`/api/auth/users/${encodeURIComponent(user.id)}/role`, { method: 'PUT', json: { role } });
      users.reload();
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <Card title="People">
      <ErrorBanner error={error ?? users.error} title="Could not update the people of this product" />
      <DataTable<StaffUserRow>
        caption="People with a role in this product"
        hideCaption
        loading={users.loading}
        rows={listItems(users.data)}
        rowKey={(user) => user.id}
        emptyMessage="Nobody has a role here yet."
        columns={[
          { key: 'email', header: 'E-mail' },
          { key: 'name', header: 'Name', render: (user) => user.name ?? '' },
          {
            key: 'role',
            header: 'Role',
            render: (user) => (
              <select
                className="mx-select"
                aria-label={`Role of ${user.email}`}
                value={user.role ?? ''}
                disabled={user.id === session?.user.id}
                title={user.id === session?.user.id ? 'You cannot change your own role' : undefined}
                onChange={(event) => void changeRole(user, (event.target.value || null) as StaffRole | null)}
              >
                {roles.map((role) => (
                  <option key={role} value={role}>
                    {role}
                  </option>
                ))}
                <option value="">no role (remove)</option>
              </select>
            ),
          },
        ]}
      />
      <form
        className="mx-row"
        style={{ alignItems: 'flex-end', flexWrap: 'wrap', marginTop: 16 }}
        onSubmit={(event) => void addUser(event)}
        aria-label="Add a person"
      >
        <div className="mx-field">
          <label htmlFor="access-email">E-mail</label>
          <input
            id="access-email"
            className="mx-input"
            type="email"
            required
            value={form.email}
            onChange={(event) => setForm({ ...form, email: event.target.value })}
          />
        </div>
        <div className="mx-field">
          <label htmlFor="access-name">Name</label>
          <input id="access-name" className="mx-input" value={form.name} onChange={(event) => setForm({ ...form, name: event.target.value })} />
        </div>
        <div className="mx-field">
          <label htmlFor="access-password">Initial password</label>
          <input
            id="access-password"
            className="mx-input"
            type="password"
            autoComplete="new-password"
            required
            value={form.password}
            onChange={(event) => setForm({ ...form, password: event.target.value })}
          />
        </div>
        <div className="mx-field">
          <label htmlFor="access-role">Role</label>
          <select id="access-role" className="mx-select" value={form.role} onChange={(event) => setForm({ ...form, role: event.target.value as StaffRole })}>
            {roles.map((role) => (
              <option key={role} value={role}>
                {role}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="mx-button" disabled={busy || !form.email.trim() || !form.password}>
          Add person
        </button>
      </form>
    </Card>
  );
}

function CopyButton({ text }: { text: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="mx-button mx-button--secondary mx-button--small"
      onClick={() =>
        void navigator.clipboard?.writeText(text).then(
          () => setCopied(true),
          () => setCopied(false),
        )
      }
    >
      {copied ? 'Copied' : 'Copy'}
    </button>
  );
}

/** The person's own API tokens: create one (its secret shown once, with a copy button) and revoke. */
export function TokensCard({ roles }: { roles: StaffRole[] }) {
  const tokens = useApiQuery<ApiTokenRow[] | { items: ApiTokenRow[] }>('/api/auth/tokens');
  const { session } = useSession();
  const [error, setError] = useState<unknown>(null);
  const [name, setName] = useState('');
  const [role, setRole] = useState<StaffRole | ''>('');
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);

  const create = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setError(null);
    try {
      const answer = await apiFetch<{ id: string; token: string }>('/api/auth/tokens', {
        method: 'POST',
        json: { name: name.trim(), role: role || undefined },
      });
      setCreated({ name: name.trim(), token: answer.token });
      setName('');
      tokens.reload();
    } catch (failure) {
      setError(failure);
    }
  };

  const revoke = async (token: ApiTokenRow) => {
    setError(null);
    try {
      await apiFetch(`/api/auth/tokens/${encodeURIComponent(token.id)}`, { method: 'DELETE' });
      tokens.reload();
    } catch (failure) {
      setError(failure);
    }
  };

  const grantable = roles.filter((candidate) => session?.role === 'admin' || candidate === session?.role || candidate === 'viewer');
  return (
    <Card title="Your API tokens">
      <p className="mx-muted">
        For scripts and services: send it as <code>Authorization: Bearer &lt;token&gt;</code>. It acts as you, with at most your role.
      </p>
      <ErrorBanner error={error ?? tokens.error} title="Could not update your tokens" />
      {created ? (
        <div className="mx-stack" role="status" aria-label="New token">
          <p>
            Token <strong>{created.name}</strong> created. Copy it now: it is not shown again.
          </p>
          <div className="mx-row">
            <code className="mx-secret" data-testid="new-token">
              {created.token}
            </code>
            <CopyButton text={created.token} />
            <button type="button" className="mx-button mx-button--secondary mx-button--small" onClick={() => setCreated(null)}>
              Done
            </button>
          </div>
        </div>
      ) : null}
      <DataTable<ApiTokenRow>
        caption="Your API tokens"
        hideCaption
        loading={tokens.loading}
        rows={listItems(tokens.data)}
        rowKey={(token) => token.id}
        emptyMessage="No tokens yet."
        columns={[
          { key: 'name', header: 'Name' },
          { key: 'role', header: 'Role', render: (token) => token.role ?? session?.role ?? '' },
          { key: 'createdAt', header: 'Created', render: (token) => formatTime(token.createdAt) },
          { key: 'lastUsedAt', header: 'Last used', render: (token) => formatTime(token.lastUsedAt) },
          {
            key: 'revoke',
            header: '',
            render: (token) =>
              token.revokedAt ? (
                <span className="mx-muted">revoked</span>
              ) : (
                <button
                  type="button"
                  className="mx-button mx-button--secondary mx-button--small"
                  aria-label={`Revoke ${token.name}`}
                  onClick={() => void revoke(token)}
                >
                  Revoke
                </button>
              ),
          },
        ]}
      />
      <form className="mx-row" style={{ alignItems: 'flex-end', marginTop: 16 }} onSubmit={(event) => void create(event)} aria-label="Create a token">
        <div className="mx-field">
          <label htmlFor="token-name">Token name</label>
          <input id="token-name" className="mx-input" required value={name} onChange={(event) => setName(event.target.value)} placeholder="shop backend" />
        </div>
        <div className="mx-field">
          <label htmlFor="token-role">Role</label>
          <select id="token-role" className="mx-select" value={role} onChange={(event) => setRole(event.target.value as StaffRole | '')}>
            <option value="">same as mine</option>
            {grantable.map((candidate) => (
              <option key={candidate} value={candidate}>
                {candidate}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="mx-button" disabled={!name.trim()}>
          Create token
        </button>
      </form>
    </Card>
  );
}

/** The shared "Access" admin page: the people of this product and their roles, and your API tokens. */
export function AccessPage({ roles = STAFF_ROLES.filter((role) => role !== 'agent') }: AccessPageProps) {
  return (
    <ProductPage title="Access" description="Who may do what in this product. One account signs in to every product it has a role in.">
      <div className="mx-stack">
        <RequireRole role="admin" fallback={<p className="mx-muted">Only an admin of this product can see and change who has access.</p>}>
          <UsersCard roles={roles} />
        </RequireRole>
        <TokensCard roles={roles} />
      </div>
    </ProductPage>
  );
}
