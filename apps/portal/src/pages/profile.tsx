import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError, api, call } from '../api/client';
import type { Role, Schemas, User } from '../api/types';
import { ROLE_LABELS, useUser } from '../auth';
import { can, WhoCan } from '../partner-ui';
import { fileSize, sendFile, type UploadProgress } from '../partner-upload';
import { useToast } from '../toast';
import { Async, EmptyState, ErrorState, formatDate, Loading, Pager, StatusBadge, toApiError, useCursorPager, useLoad, FieldNotes } from '../ui';
import { useTitle } from './title';

type Partner = Schemas['PartnerView'];

const LOGO_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/svg+xml'];
const USERS_PAGE_SIZE = 20;
const PARTNER_ROLE_OPTIONS: Role[] = ['partner_user', 'partner_admin'];

/** The partner's profile (what co-branding fills in), its logo as partners' banners show it, and its users. */
export function ProfilePage() {
  useTitle('Profile');
  const user = useUser();
  const partnerId = user.partnerId;
  const state = useLoad(() => (partnerId ? call(api.GET('/api/v1/partners/{id}', { params: { path: { id: partnerId } } })) : Promise.reject(new ApiError(404, 'NOT_FOUND', 'Your account belongs to no partner.'))), [partnerId]);
  const [partner, setPartner] = useState<Partner | null>(null);
  useEffect(() => {
    if (state.data) setPartner(state.data);
  }, [state.data]);
  return (
    <section className="page">
      <h1>Profile</h1>
      <p className="lede">What every co-branded email, landing page and banner shows about you. Changes apply to new renditions at once.</p>
      {state.error ? (
        <ErrorState error={state.error} retry={state.reload} />
      ) : !partner ? (
        <Loading />
      ) : (
        <>
          <ProfileForm partner={partner} onSaved={setPartner} editable={can(user, 'edit-partner-profile')} />
          <LogoSection partner={partner} onChanged={setPartner} editable={can(user, 'edit-partner-profile')} />
          <Users partner={partner} editable={can(user, 'manage-partner-users')} />
        </>
      )}
    </section>
  );
}

interface ProfileDraft {
  name: string;
  website: string;
  phone: string;
  address: string;
  timeZone: string;
  brandColour: string;
  legalDisclaimer: string;
}

function draftOf(p: Partner): ProfileDraft {
  return {
    name: p.name,
    website: p.website ?? '',
    phone: p.phone ?? '',
    address: p.address ?? '',
    timeZone: p.timeZone,
    brandColour: p.brandColour ?? '',
    legalDisclaimer: p.legalDisclaimer ?? '',
  };
}

const TIME_ZONES = [...Intl.supportedValuesOf('timeZone'), 'UTC'];

function ProfileForm({ partner, onSaved, editable }: { partner: Partner; onSaved: (p: Partner) => void; editable: boolean }) {
  const { notify } = useToast();
  const [draft, setDraft] = useState<ProfileDraft>(() => draftOf(partner));
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const saved = draftOf(partner);
  const changed = (Object.keys(draft) as (keyof ProfileDraft)[]).filter((k) => draft[k].trim() !== saved[k].trim());
  const set = (key: keyof ProfileDraft, value: string) => setDraft((d) => ({ ...d, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (changed.length === 0) {
      notify('Nothing has changed.', 'info');
      return;
    }
    setBusy(true);
    setError(null);
    const body: Record<string, string | null> = {};
    for (const key of changed) {
      const value = draft[key].trim();
      // Name and time zone are required; the other fields are cleared with null.
      if (key === 'name' || key === 'timeZone') body[key] = value;
      else body[key] = value === '' ? null : value;
    }
    try {
      const updated = await call(api.PATCH('/api/v1/partners/{id}', { params: { path: { id: partner.id } }, body }));
      onSaved(updated);
      setDraft(draftOf(updated));
      notify('Your profile is saved. New co-branded content uses it from now on.');
    } catch (e) {
      const err = toApiError(e);
      setError(err);
      notify(err.status === 400 ? 'The profile was not saved: fix the fields marked.' : err.summary, 'error');
    } finally {
      setBusy(false);
    }
  };

  const field = (key: keyof ProfileDraft, label: string, opts: { type?: string; help?: string; autoComplete?: string; multiline?: boolean; maxLength?: number } = {}) => {
    const id = `profile-${key}`;
    const problem = error?.fieldMessage(key);
    const describedBy = [opts.help ? `${id}-help` : '', problem ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
    const common = {
      id,
      value: draft[key],
      readOnly: !editable,
      'aria-invalid': problem ? true : undefined,
      'aria-describedby': describedBy,
    };
    return (
      <div className={`field${problem ? ' has-error' : ''}`}>
        <label htmlFor={id}>{label}</label>
        {opts.multiline ? (
          <textarea {...common} rows={3} maxLength={opts.maxLength} onChange={(e) => set(key, e.target.value)} />
        ) : (
          <input {...common} type={opts.type ?? 'text'} autoComplete={opts.autoComplete ?? 'off'} maxLength={opts.maxLength} onChange={(e) => set(key, e.target.value)} />
        )}
        <FieldNotes id={id} help={opts.help} error={problem} />
      </div>
    );
  };

  const colourProblem = error?.fieldMessage('brandColour');
  const validColour = /^#[0-9A-Fa-f]{6}$/.test(draft.brandColour);
  return (
    <form className="card" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="profile-title" data-testid="profile-form">
      <h2 id="profile-title">Company profile</h2>
      {!editable && (
        <WhoCan actions={['edit-partner-profile']}>You can read it.</WhoCan>
      )}
      {error && error.status !== 400 && (
        <p className="form-error" role="alert">
          {error.summary}
        </p>
      )}
      <div className="form-grid">
        {field('name', 'Company name', { autoComplete: 'organization', maxLength: 120 })}
        {field('website', 'Website', { type: 'url', help: 'With https://, such as https://northwind-it.example.', autoComplete: 'url' })}
        {field('phone', 'Phone', { type: 'tel', autoComplete: 'tel' })}
        <div className={`field${error?.fieldMessage('timeZone') ? ' has-error' : ''}`}>
          <label htmlFor="profile-timeZone">Time zone</label>
          <select id="profile-timeZone" value={draft.timeZone} disabled={!editable} onChange={(e) => set('timeZone', e.target.value)} aria-describedby="profile-timeZone-help">
            {[...new Set([draft.timeZone, ...TIME_ZONES])].map((z) => (
              <option key={z} value={z}>
                {z}
              </option>
            ))}
          </select>
          <p id="profile-timeZone-help" className="help">
            Scheduled sends and deadlines use it.
          </p>
          {error?.fieldMessage('timeZone') && <p className="field-error">{error.fieldMessage('timeZone')}</p>}
        </div>
      </div>
      {field('address', 'Address', { multiline: true, maxLength: 500, autoComplete: 'street-address' })}
      <div className={`field${colourProblem ? ' has-error' : ''}`}>
        <label htmlFor="profile-brandColour">Brand colour</label>
        <div className="colour-row">
          <input
            id="profile-brandColour"
            value={draft.brandColour}
            placeholder="#0B5FFF"
            readOnly={!editable}
            onChange={(e) => set('brandColour', e.target.value)}
            aria-invalid={colourProblem ? true : undefined}
            aria-describedby={`profile-brandColour-help${colourProblem ? ' profile-brandColour-error' : ''}`}
          />
          <input
            type="color"
            aria-label="Pick the brand colour"
            value={validColour ? draft.brandColour.toLowerCase() : '#000000'}
            disabled={!editable}
            onChange={(e) => set('brandColour', e.target.value.toUpperCase())}
          />
        </div>
        <p id="profile-brandColour-help" className="help">
          A hex colour such as #0B5FFF; templates that allow it use it for accents.
        </p>
        {colourProblem && (
          <p id="profile-brandColour-error" className="field-error">
            {colourProblem}
          </p>
        )}
      </div>
      {field('legalDisclaimer', 'Legal disclaimer', { multiline: true, maxLength: 2000, help: 'Shown in the footer of your co-branded emails and pages.' })}
      {editable && (
        <div className="actions">
          <button type="submit" className="button" disabled={busy || changed.length === 0} aria-busy={busy} data-testid="profile-save">
            {busy ? 'Saving…' : 'Save profile'}
          </button>
          {changed.length > 0 && (
            <button type="button" className="button secondary" onClick={() => setDraft(saved)} disabled={busy}>
              Undo changes
            </button>
          )}
        </div>
      )}
    </form>
  );
}

/** The current logo, an upload with progress, and the logo placed on one of the vendor's banners. */
function LogoSection({ partner, onChanged, editable }: { partner: Partner; onChanged: (p: Partner) => void; editable: boolean }) {
  const { notify } = useToast();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [localUrl, setLocalUrl] = useState<string | null>(null);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [uploadedNow, setUploadedNow] = useState(false);
  const logo = useLoad(
    () =>
      partner.logo
        ? call(api.GET('/api/v1/partners/{id}/logo', { params: { path: { id: partner.id } } }))
        : Promise.resolve(null),
    [partner.id, partner.profileVersion, partner.logo?.width, partner.logo?.height],
  );

  useEffect(() => {
    if (!file) {
      setLocalUrl(null);
      return;
    }
    const url = URL.createObjectURL(file);
    setLocalUrl(url);
    return () => URL.revokeObjectURL(url);
  }, [file]);

  const choose = (chosen: File | null) => {
    setProblem(chosen && chosen.type && !LOGO_TYPES.includes(chosen.type) ? 'Choose a PNG, JPEG, WebP or SVG image.' : null);
    setFile(chosen);
  };

  const upload = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      setProblem('Choose an image first.');
      input.current?.focus();
      return;
    }
    if (problem) return;
    setProgress({ loaded: 0, total: file.size });
    try {
      const updated = await sendFile<Partner>('PUT', `/api/v1/partners/${encodeURIComponent(partner.id)}/logo`, file, setProgress);
      onChanged(updated);
      setFile(null);
      setUploadedNow(true);
      if (input.current) input.current.value = '';
      notify('Your new logo is saved. See it on a banner below.');
    } catch (e) {
      const err = toApiError(e);
      setProblem(err.fieldMessage('file') ?? err.summary);
      notify(`The logo was not saved: ${err.fieldMessage('file') ?? err.summary}`, 'error');
    } finally {
      setProgress(null);
    }
  };

  const busy = progress !== null;
  return (
    <section className="card" aria-labelledby="logo-title">
      <h2 id="logo-title">Logo</h2>
      <div className="logo-layout">
        <div>
          <h3>Current logo</h3>
          <Async state={logo}>
            {(current) =>
              current ? (
                <figure className="logo-figure">
                  <img src={current.url} alt={`${partner.name} logo`} className="logo-current" data-testid="logo-current" />
                  <figcaption className="help">
                    {current.width}×{current.height} px, trimmed
                  </figcaption>
                </figure>
              ) : (
                <EmptyState>No logo yet: co-branded content shows your company name instead.</EmptyState>
              )
            }
          </Async>
        </div>
        {editable && (
          <form onSubmit={(e) => void upload(e)} noValidate aria-label="Upload a new logo" aria-busy={busy}>
            <div className={`field${problem ? ' has-error' : ''}`}>
              <label htmlFor="logo-file">New logo</label>
              <input
                ref={input}
                id="logo-file"
                type="file"
                accept={LOGO_TYPES.join(',')}
                onChange={(e) => choose(e.target.files?.[0] ?? null)}
                disabled={busy}
                aria-invalid={problem ? true : undefined}
                aria-describedby={`logo-file-help${problem ? ' logo-file-error' : ''}`}
                data-testid="logo-input"
              />
              <p id="logo-file-help" className="help">
                PNG, JPEG, WebP or SVG (without scripts). A transparent background looks best; empty margins are trimmed.
              </p>
              {problem && (
                <p id="logo-file-error" className="field-error">
                  {problem}
                </p>
              )}
            </div>
            {localUrl && !problem && (
              <figure className="logo-figure">
                <img src={localUrl} alt="The logo you chose, not uploaded yet" className="logo-current" />
                <figcaption className="help">{file && `${file.name}, ${fileSize(file.size)}; not uploaded yet`}</figcaption>
              </figure>
            )}
            {progress && (
              <div className="progress-block">
                <label htmlFor="logo-progress">
                  Uploading: {fileSize(progress.loaded)} of {fileSize(progress.total)}
                </label>
                <progress id="logo-progress" max={progress.total} value={progress.loaded} />
              </div>
            )}
            <button type="submit" className="button" disabled={busy} aria-busy={busy} data-testid="logo-upload">
              {busy ? 'Uploading…' : 'Upload logo'}
            </button>
          </form>
        )}
      </div>
      {partner.logo && <BannerPreview partner={partner} highlight={uploadedNow} />}
    </section>
  );
}

/** The partner's logo on a banner the vendor published, rendered by the same co-branding as a launch. */
function BannerPreview({ partner, highlight }: { partner: Partner; highlight: boolean }) {
  const banners = useLoad(() => call(api.GET('/api/v1/templates', { params: { query: { kind: 'banner', limit: 50 } } })).then((p) => p.items), []);
  const [templateId, setTemplateId] = useState('');
  const chosen = banners.data?.find((t) => t.id === templateId) ?? banners.data?.[0];
  const [image, setImage] = useState<{ url?: string; error?: ApiError; loading: boolean }>({ loading: true });

  useEffect(() => {
    if (!chosen) return;
    let live = true;
    let objectUrl: string | undefined;
    setImage((s) => ({ ...s, loading: true, error: undefined }));
    call(api.POST('/api/v1/templates/{id}/preview', { params: { path: { id: chosen.id } }, body: { edits: {} }, parseAs: 'blob' })).then(
      (blob) => {
        objectUrl = URL.createObjectURL(blob);
        if (live) setImage({ url: objectUrl, loading: false });
      },
      (e: unknown) => live && setImage({ error: toApiError(e), loading: false }),
    );
    return () => {
      live = false;
      if (objectUrl) {
        const url = objectUrl;
        window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
      }
    };
    // A new logo is a new profile version: render again.
  }, [chosen?.id, partner.profileVersion]);

  return (
    <section aria-labelledby="banner-preview-title" className={`banner-preview-section${highlight ? ' highlight' : ''}`}>
      <h3 id="banner-preview-title">How it looks on a banner</h3>
      {banners.error ? (
        <ErrorState error={banners.error} retry={banners.reload} />
      ) : !banners.data ? (
        <Loading label="Finding a banner…" />
      ) : banners.data.length === 0 ? (
        <EmptyState>The vendor has not published a banner yet; once it does, you see your logo on it here.</EmptyState>
      ) : (
        <>
          {banners.data.length > 1 && (
            <div className="toolbar">
              <label htmlFor="banner-choice">Banner</label>
              <select id="banner-choice" value={chosen?.id ?? ''} onChange={(e) => setTemplateId(e.target.value)} className="narrow">
                {banners.data.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
              </select>
            </div>
          )}
          <div aria-live="polite" aria-busy={image.loading}>
            {image.error ? (
              <p className="field-error">The banner could not be rendered: {image.error.summary}</p>
            ) : image.url ? (
              <img src={image.url} alt={`${chosen?.name ?? 'Banner'} with the ${partner.name} logo`} className="banner-preview" data-testid="logo-banner-preview" />
            ) : (
              <Loading label="Rendering the banner…" />
            )}
            {image.loading && image.url && <p className="help">Rendering again…</p>}
          </div>
        </>
      )}
    </section>
  );
}

function Users({ partner, editable }: { partner: Partner; editable: boolean }) {
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
