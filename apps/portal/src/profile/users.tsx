import { useState, type FormEvent } from 'react';
import { ApiError, api, call } from '../api/client';
import type { Role, User } from '../api/types';
import { ROLE_LABELS, useUser } from '../auth';
import { WhoCan } from '../partner-ui';
import { useToast } from '../toast';
import { Async, EmptyState, formatDate, Pager, StatusBadge, toApiError, useCursorPager, useLoad } from '../ui';
import type { Partner } from './profile-form';

const USERS_PAGE_SIZE = 20;

const PARTNER_ROLE_OPTIONS: Role[] = ['partner_user', 'partner_admin'];

export function Users({ partner, editable }: { partner: Partner; editable: boolean }) {
  const pager = useCursorPager();
  const [version, setVersion] = useState(0);
  const state = useLoad(() => call(api.GET('/api/v1/partners/{id}/users', { params: { path: { id: partner.id }, query: { limit: USERS_PAGE_SIZE, cursor: pager.cursor } } })), [partner.id, pager.cursor, version]);
  return (
    <section className="card" aria-labelledby="users-title">
      <h2 id="users-title">Users</h2>
      {editable ? <InviteUser partnerId={partner.id} onInvited={() => setVersion((v) => v + 1)} /> : <WhoCan actions={['manage-partner-users']} />}
      <Async state={state}>
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState>No users yet.</EmptyState>
          ) : (
            <>
              <div className="table-wrap" aria-busy={state.loading}>
                <table>
                  <caption className="visually-hidden">Users of {partner.name}</caption>
                  <thead>
                    <tr>
                      <th scope="col">Name</th>
                      <th scope="col">Role</th>
                      <th scope="col">Status</th>
                      <th scope="col">Last sign-in</th>
                      {editable && (
                        <th scope="col">
                          <span className="visually-hidden">Actions</span>
                        </th>
                      )}
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((u) => (
                      <UserRow key={u.id} user={u} partnerId={partner.id} editable={editable} onChanged={() => setVersion((v) => v + 1)} />
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager page={pager.page} hasNext={!!page.nextCursor} onNext={() => page.nextCursor && pager.next(page.nextCursor)} onPrevious={pager.previous} label="Users" />
            </>
          )
        }
      </Async>
    </section>
  );
}

function UserRow({ user, partnerId, editable, onChanged }: { user: User; partnerId: string; editable: boolean; onChanged: () => void }) {
  const me = useUser();
  const { notify } = useToast();
  const [busy, setBusy] = useState(false);
  const disable = async () => {
    if (!window.confirm(`Disable ${user.name}? They are signed out at once and can no longer sign in.`)) return;
    setBusy(true);
    try {
      await call(api.POST('/api/v1/partners/{id}/users/{userId}/disable', { params: { path: { id: partnerId, userId: user.id } } }));
      notify(`${user.name} is disabled.`);
      onChanged();
    } catch (e) {
      notify(toApiError(e).summary, 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <tr data-testid={`user-${user.id}`}>
      <td>
        <strong>{user.name}</strong>
        {user.id === me.id && <span className="muted"> (you)</span>}
        <br />
        <span className="email">{user.email}</span>
      </td>
      <td>{ROLE_LABELS[user.role]}</td>
      <td>
        <StatusBadge status={user.status} />
      </td>
      <td>{user.lastLoginAt ? formatDate(user.lastLoginAt) : '—'}</td>
      {editable && (
        <td>
          {user.id !== me.id && user.status !== 'disabled' && (
            <button type="button" className="button danger small" onClick={() => void disable()} disabled={busy} aria-busy={busy} data-testid={`user-disable-${user.id}`}>
              {busy ? 'Disabling…' : <>Disable<span className="visually-hidden"> {user.name}</span></>}
            </button>
          )}
        </td>
      )}
    </tr>
  );
}

function InviteUser({ partnerId, onInvited }: { partnerId: string; onInvited: () => void }) {
  const { notify } = useToast();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('partner_user');
  const [error, setError] = useState<ApiError | null>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!email.trim()) found.email = 'Enter their work email.';
    if (!name.trim()) found.name = 'Enter their name.';
    setLocal(found);
    setError(null);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const invited = await call(api.POST('/api/v1/partners/{id}/users', { params: { path: { id: partnerId } }, body: { email: email.trim(), name: name.trim(), role: role as 'partner_user' | 'partner_admin' } }));
      notify(`The invitation is on its way to ${invited.email}.`);
      setEmail('');
      setName('');
      setRole('partner_user');
      onInvited();
    } catch (e) {
      const err = toApiError(e);
      setError(err);
      notify(err.status === 400 ? 'The invitation was not sent: fix the fields marked.' : err.summary, 'error');
    } finally {
      setBusy(false);
    }
  };

  const problem = (field: string) => local[field] ?? error?.fieldMessage(field);
  return (
    <details className="invite">
      <summary>Invite a user</summary>
      <form onSubmit={(e) => void submit(e)} noValidate aria-label="Invite a user" data-testid="invite-form">
        {error && error.status !== 400 && (
          <p className="form-error" role="alert">
            {error.summary}
          </p>
        )}
        <div className="form-grid">
          <div className={`field${problem('email') ? ' has-error' : ''}`}>
            <label htmlFor="invite-email">Email</label>
            <input id="invite-email" type="email" value={email} autoComplete="off" onChange={(e) => setEmail(e.target.value)} aria-invalid={problem('email') ? true : undefined} aria-describedby={problem('email') ? 'invite-email-error' : undefined} />
            {problem('email') && (
              <p id="invite-email-error" className="field-error">
                {problem('email')}
              </p>
            )}
          </div>
          <div className={`field${problem('name') ? ' has-error' : ''}`}>
            <label htmlFor="invite-name">Name</label>
            <input id="invite-name" value={name} autoComplete="off" maxLength={120} onChange={(e) => setName(e.target.value)} aria-invalid={problem('name') ? true : undefined} aria-describedby={problem('name') ? 'invite-name-error' : undefined} />
            {problem('name') && (
              <p id="invite-name-error" className="field-error">
                {problem('name')}
              </p>
            )}
          </div>
          <div className="field">
            <label htmlFor="invite-role">Role</label>
            <select id="invite-role" value={role} onChange={(e) => setRole(e.target.value as Role)} aria-describedby="invite-role-help">
              {PARTNER_ROLE_OPTIONS.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r]}
                </option>
              ))}
            </select>
            <p id="invite-role-help" className="help">
              Admins edit the profile, import contacts and manage users; users read everything.
            </p>
          </div>
        </div>
        <button type="submit" className="button" disabled={busy} aria-busy={busy} data-testid="invite-submit">
          {busy ? 'Sending…' : 'Send invitation'}
        </button>
      </form>
    </details>
  );
}
