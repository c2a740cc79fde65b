import { useState, type FormEvent } from 'react';
import { api, call } from '../api/client';
import type { AssetDetail, Schemas } from '../api/types';
import { SuccessorSelect, useSuccessorCandidates } from '../asset-fields';
import { useToast } from '../toast';
import { Field, toApiError } from '../ui';
import { fromLocalInput, problemsOf, toLocalInput } from '../vendor-ui';

export function DatesForm({ asset, reload }: { asset: AssetDetail; reload: () => void }) {
  const { notify } = useToast();
  const [publishAt, setPublishAt] = useState(() => toLocalInput(asset.publishAt));
  const [expiresAt, setExpiresAt] = useState(() => toLocalInput(asset.expiresAt));
  const [never, setNever] = useState(asset.expiresAt === null);
  const [successorId, setSuccessorId] = useState(asset.successor?.id ?? '');
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<Record<string, string[]>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState('');
  const candidates = useSuccessorCandidates(asset.type, asset.id);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    const body: Schemas['UpdateAssetDto'] = {};
    const local: Record<string, string[]> = {};
    if (publishAt !== toLocalInput(asset.publishAt)) {
      const iso = fromLocalInput(publishAt);
      if (!iso) local.publishAt = ['Enter a date and time.'];
      else body.publishAt = iso;
    }
    if (never) {
      if (asset.expiresAt !== null) body.expiresAt = null;
    } else if (expiresAt !== toLocalInput(asset.expiresAt)) {
      const iso = fromLocalInput(expiresAt);
      if (!iso) local.expiresAt = ['Enter a date and time, or choose “Never expires”.'];
      else body.expiresAt = iso;
    }
    if (successorId !== (asset.successor?.id ?? '')) body.successorId = successorId || null;
    setProblems(local);
    if (Object.keys(local).length > 0) return notify('Check the highlighted fields.', 'error');
    if (Object.keys(body).length === 0) return notify('Nothing changed.', 'info');
    setBusy(true);
    try {
      await call(api.PATCH('/api/v1/assets/{id}', { params: { path: { id: asset.id } }, body }));
      const text = 'Dates and successor saved. Kits, launches and links follow at once.';
      setOutcome(text);
      notify(text);
      reload();
    } catch (e) {
      const error = toApiError(e);
      setProblems(error.fields);
      const text = Object.keys(error.fields).length > 0 ? 'Not saved: check the highlighted fields.' : error.summary;
      setFormError(text);
      notify(text, 'error');
    } finally {
      setBusy(false);
    }
  };

  const p = (field: string) => problemsOf(problems, field);
  return (
    <section className="card" aria-labelledby="asset-dates">
      <h2 id="asset-dates">Dates and successor</h2>
      <p className="visually-hidden" role="status" aria-live="polite">
        {outcome}
      </p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Field id="edit-publish" label="Publish" help="Your local time. Partners see it from then." error={p('publishAt')}>
          {(describedBy, invalid) => <input id="edit-publish" type="datetime-local" value={publishAt} onChange={(e) => setPublishAt(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} />}
        </Field>
        <Field id="edit-expires" label="Expires" help="Extending it releases what was held." error={p('expiresAt')}>
          {(describedBy, invalid) => (
            <input id="edit-expires" type="datetime-local" value={expiresAt} disabled={never} onChange={(e) => setExpiresAt(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} data-testid="edit-expires" />
          )}
        </Field>
        <div className="field">
          <label className="check">
            <input type="checkbox" checked={never} onChange={(e) => setNever(e.target.checked)} data-testid="edit-never-expires" /> Never expires
          </label>
        </div>
        <SuccessorSelect id="edit-successor" type={asset.type} candidates={candidates} value={successorId} onChange={setSuccessorId} error={p('successorId')} />
        {formError && <p className="form-error">{formError}</p>}
        <button type="submit" className="button" disabled={busy} aria-busy={busy} data-testid="save-asset-dates">
          {busy ? 'Saving…' : 'Save'}
        </button>
      </form>
    </section>
  );
}

export function Archive({ asset, liveLaunches, reload }: { asset: AssetDetail; liveLaunches: number | undefined; reload: () => void }) {
  const { notify } = useToast();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const archive = async () => {
    setBusy(true);
    setError(null);
    try {
      await call(api.POST('/api/v1/assets/{id}/archive', { params: { path: { id: asset.id } } }));
      notify(`“${asset.title}” is archived.`);
      reload();
    } catch (e) {
      const text = toApiError(e).summary;
      setError(text);
      notify(text, 'error');
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };
  return (
    <section className="card" aria-labelledby="asset-archive">
      <h2 id="asset-archive">Archive</h2>
      <p className="help">
        Withdraws it for good: it leaves the library at once, and everything that uses it
        {liveLaunches ? ` (${liveLaunches} live ${liveLaunches === 1 ? 'launch' : 'launches'})` : ''} moves to {asset.successor ? `“${asset.successor.title}”` : 'its successor, or is held (it has none)'}.
      </p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {confirming ? (
        <div className="actions" role="group" aria-label="Confirm archiving">
          <button type="button" className="button danger" onClick={() => void archive()} disabled={busy} aria-busy={busy} data-testid="confirm-archive" autoFocus>
            {busy ? 'Archiving…' : 'Yes, archive it'}
          </button>
          <button type="button" className="button secondary" onClick={() => setConfirming(false)} disabled={busy}>
            Keep it
          </button>
        </div>
      ) : (
        <button type="button" className="button danger" onClick={() => setConfirming(true)} data-testid="archive-asset">
          Archive…
        </button>
      )}
    </section>
  );
}
