import { useState, type FormEvent } from 'react';
import { ApiError, api, call } from '../api/client';
import type { Schemas } from '../api/types';
import { WhoCan } from '../partner-ui';
import { useToast } from '../toast';
import { toApiError, FieldNotes } from '../ui';

export type Partner = Schemas['PartnerView'];

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

export function ProfileForm({ partner, onSaved, editable }: { partner: Partner; onSaved: (p: Partner) => void; editable: boolean }) {
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
