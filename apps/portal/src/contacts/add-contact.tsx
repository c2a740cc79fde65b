import { useState, type FormEvent } from 'react';
import { sendFile as uploadFile } from '../partner-upload';
import { useToast } from '../toast';
import { FieldNotes, toApiError } from '../ui';
import { type Consent, CONSENTS, type ImportCreated } from './contact-types';

interface ContactDraft {
  email: string;
  firstName: string;
  lastName: string;
  company: string;
  title: string;
  country: string;
  timeZone: string;
  consentStatus: Consent;
  consentSource: string;
}

const EMPTY_CONTACT: ContactDraft = { email: '', firstName: '', lastName: '', company: '', title: '', country: '', timeZone: '', consentStatus: 'unknown', consentSource: '' };

const CONTACT_FIELDS: { key: Exclude<keyof ContactDraft, 'consentStatus'>; label: string; type?: string; autoComplete?: string; help?: string }[] = [
  { key: 'email', label: 'Email', type: 'email', autoComplete: 'off' },
  { key: 'firstName', label: 'First name', autoComplete: 'off' },
  { key: 'lastName', label: 'Last name', autoComplete: 'off' },
  { key: 'company', label: 'Company', autoComplete: 'off' },
  { key: 'title', label: 'Job title', autoComplete: 'off' },
  { key: 'country', label: 'Country', autoComplete: 'off', help: 'A code such as DE or a name such as Germany.' },
  { key: 'timeZone', label: 'Time zone', autoComplete: 'off', help: 'Such as Europe/Berlin; emails wait for the contact’s local time.' },
  { key: 'consentSource', label: 'Where the consent comes from', autoComplete: 'off', help: 'Such as “trade show form, May 2026”.' },
];

/**
 * Adds (or updates) one contact. The API takes contacts through imports only, so this sends a
 * one-row CSV: the same validation and dedupe by email as a file from the CRM, and its row report
 * says what was wrong with each field.
 */
export function AddContact({ onAdded }: { onAdded: () => void }) {
  const { notify } = useToast();
  const [draft, setDraft] = useState<ContactDraft>(EMPTY_CONTACT);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState(false);
  const set = (key: keyof ContactDraft, value: string) => setDraft((d) => ({ ...d, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!draft.email.trim()) {
      setProblems({ email: 'Enter the contact’s email address.' });
      return;
    }
    setProblems({});
    setFormError(null);
    setBusy(true);
    const entries = (Object.entries(draft) as [keyof ContactDraft, string][]).filter(([, v]) => v.trim() !== '');
    const csv = `${entries.map(([k]) => k).join(',')}\r\n${entries.map(([, v]) => csvCell(v.trim())).join(',')}\r\n`;
    try {
      const result = await uploadFile<ImportCreated>('POST', '/api/v1/contacts/imports', new File([csv], 'contact.csv', { type: 'text/csv' }));
      const row = result.firstRejected[0];
      if (result.rejected > 0 && row) {
        setProblems(Object.fromEntries(row.errors.map((e) => [e.field ?? 'email', e.message])));
        const general = row.errors.filter((e) => !e.field).map((e) => e.message);
        if (general.length > 0) setFormError(general.join(' '));
        notify('The contact was not added: fix the fields marked below.', 'error');
      } else {
        notify(result.updated > 0 ? `${draft.email.trim()} was already a contact; the details are updated.` : `${draft.email.trim()} is added to your contacts.`);
        setDraft(EMPTY_CONTACT);
        onAdded();
      }
    } catch (e) {
      const error = toApiError(e);
      setFormError(error.summary);
      notify(error.summary, 'error');
    } finally {
      setBusy(false);
    }
  };

  return (
    <details className="card" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Add a contact</summary>
      <form onSubmit={(e) => void submit(e)} noValidate aria-label="Add a contact" data-testid="contact-form">
        {formError && (
          <p className="form-error" role="alert">
            {formError}
          </p>
        )}
        <div className="form-grid">
          {CONTACT_FIELDS.map((f) => {
            const id = `contact-${f.key}`;
            const problem = problems[f.key];
            return (
              <div key={f.key} className={`field${problem ? ' has-error' : ''}`}>
                <label htmlFor={id}>
                  {f.label}
                  {f.key === 'email' && <span className="muted"> (required)</span>}
                </label>
                <input
                  id={id}
                  type={f.type ?? 'text'}
                  value={draft[f.key]}
                  autoComplete={f.autoComplete}
                  required={f.key === 'email'}
                  onChange={(e) => set(f.key, e.target.value)}
                  aria-invalid={problem ? true : undefined}
                  aria-describedby={[f.help ? `${id}-help` : '', problem ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined}
                />
                <FieldNotes id={id} help={f.help} error={problem} />
              </div>
            );
          })}
          <div className={`field${problems.consentStatus ? ' has-error' : ''}`}>
            <label htmlFor="contact-consentStatus">Marketing consent</label>
            <select id="contact-consentStatus" value={draft.consentStatus} onChange={(e) => set('consentStatus', e.target.value)} aria-describedby="contact-consentStatus-help">
              {CONSENTS.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
            <p id="contact-consentStatus-help" className="help">
              Only contacts with consent granted receive campaign email.
            </p>
            {problems.consentStatus && <p className="field-error">{problems.consentStatus}</p>}
          </div>
        </div>
        <button type="submit" className="button" disabled={busy} aria-busy={busy} data-testid="contact-add">
          {busy ? 'Adding…' : 'Add contact'}
        </button>
      </form>
    </details>
  );
}

/** A one-line CSV cell: always quoted, quotes doubled. */
function csvCell(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}
