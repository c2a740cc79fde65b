import { useMemo, useRef, useState, type FormEvent } from 'react';
import { api, call, newIdempotencyKey, type ApiError } from '../api/client';
import type { Deal, MdfFile, MdfProgram, MdfRequest, Schemas } from '../api/types';
import { MoneyInput } from '../forms';
import { formatDay } from '../mdf';
import { fileSize, sendFile, type UploadProgress } from '../partner-upload';
import { Link, navigate } from '../router';
import { useToast } from '../toast';
import { EmptyState, FieldNotes, formatDate, formatDateTime, formatMoney, parseMoney, StatusBadge, toApiError } from '../ui';

type UploadedFile = Schemas['MdfFile'];

type FileKind = UploadedFile['kind'];

/** A file of the claim being written: uploaded now (its name is known) or earlier (it has a download link). */
type FormFile = UploadedFile & { name?: string; url?: string };

/** The API's limit per invoice or proof file (MDF_FILE_MAX_BYTES). */
const FILE_MAX_BYTES = 10 * 1024 * 1024;

const FILE_ACCEPT = 'application/pdf,image/png,image/jpeg,image/webp,.pdf,.png,.jpg,.jpeg,.webp';

const KIND_LABEL: Record<FileKind, string> = { invoice: 'Invoice', proof: 'Proof of performance' };

/** How the form names a file: the name it was chosen or uploaded under, else (an older upload) its kind and time. */
function fileName(file: FormFile): string {
  return file.name ?? file.fileName ?? `${KIND_LABEL[file.kind].toLowerCase()} uploaded ${formatDateTime(file.createdAt)}`;
}

type UploadPhase = { kind: 'idle' } | { kind: 'uploading'; name: string; progress: UploadProgress } | { kind: 'refused'; message: string };

/** What an upload refusal means for the person choosing the file. */
function uploadProblem(error: ApiError, file: File): string {
  if (error.status === 413) return `${file.name} is ${fileSize(file.size)}; a file may be at most ${fileSize(FILE_MAX_BYTES)}. Compress it or split it into smaller files.`;
  if (error.status === 415) return `${file.name} is not a PDF, PNG, JPEG or WebP file (its content is checked, not its name). Save or export it as one of these.`;
  return error.fieldMessage('file') ?? error.summary;
}

export function ClaimForm({ request, program, deals, uploaded }: { request: MdfRequest; program: MdfProgram | undefined; deals: Deal[]; uploaded: MdfFile[] }) {
  const { notify } = useToast();
  // One key per form: a retry or a double click answers with the same claim, never a second one.
  const idempotencyKey = useRef(newIdempotencyKey());
  const submitting = useRef(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const [spend, setSpend] = useState('');
  const [kind, setKind] = useState<FileKind>('invoice');
  const [files, setFiles] = useState<FormFile[]>(uploaded);
  const [removing, setRemoving] = useState<string | null>(null);
  const [upload, setUpload] = useState<UploadPhase>({ kind: 'idle' });
  const [query, setQuery] = useState('');
  const [dealIds, setDealIds] = useState<string[]>([]);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [announcement, setAnnouncement] = useState('');

  const clear = (field: string) =>
    setProblems((p) => {
      const { [field]: _gone, ...rest } = p;
      return rest;
    });

  const choose = async (file: File | undefined) => {
    if (!file) return;
    clear('fileIds');
    const reset = () => {
      if (fileInput.current) fileInput.current.value = '';
    };
    if (file.size > FILE_MAX_BYTES) {
      setUpload({ kind: 'refused', message: `${file.name} is ${fileSize(file.size)}; a file may be at most ${fileSize(FILE_MAX_BYTES)}. Compress it or split it into smaller files.` });
      reset();
      return;
    }
    setUpload({ kind: 'uploading', name: file.name, progress: { loaded: 0, total: file.size } });
    setAnnouncement(`Uploading ${file.name}.`);
    try {
      const uploaded = await sendFile<UploadedFile>('POST', `/api/v1/mdf/requests/${encodeURIComponent(request.id)}/files?kind=${kind}`, file, (progress) =>
        setUpload({ kind: 'uploading', name: file.name, progress }),
      );
      setFiles((list) => [...list, { ...uploaded, name: file.name }]);
      setUpload({ kind: 'idle' });
      setAnnouncement(`${file.name} is uploaded as ${KIND_LABEL[uploaded.kind].toLowerCase()}.`);
    } catch (e) {
      const message = uploadProblem(toApiError(e), file);
      setUpload({ kind: 'refused', message });
      setAnnouncement('');
      notify(`The file was not uploaded: ${message}`, 'error');
    } finally {
      reset();
    }
  };

  /** A removed file is deleted, so nothing the partner took out stays stored against the request. */
  const remove = async (file: FormFile) => {
    setRemoving(file.id);
    try {
      await call(api.DELETE('/api/v1/mdf/requests/{id}/files/{fileId}', { params: { path: { id: request.id, fileId: file.id } } }));
    } catch (e) {
      const err = toApiError(e);
      // Already gone (another tab removed it): the outcome is the same.
      if (err.status !== 404) {
        notify(`${fileName(file)} is still attached: ${err.summary}`, 'error');
        setRemoving(null);
        return;
      }
    }
    setFiles((list) => list.filter((f) => f.id !== file.id));
    setRemoving(null);
    setAnnouncement(`${fileName(file)} is removed from the claim.`);
    notify(`${fileName(file)} is removed and deleted.`, 'info');
  };

  const shown = useMemo(() => {
    const words = query.trim().toLowerCase();
    if (!words) return deals;
    return deals.filter((d) => `${d.customerCompany} ${d.customerDomain}`.toLowerCase().includes(words));
  }, [deals, query]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (submitting.current || upload.kind === 'uploading' || removing) return;
    const found: Record<string, string> = {};
    const cents = parseMoney(spend);
    if (cents === undefined || cents < 1) found.actualSpendCents = 'Enter what the activity cost, such as 4800 or 4800.00.';
    if (!files.some((f) => f.kind === 'invoice')) found.fileIds = 'Upload at least one invoice.';
    setProblems(found);
    setError(null);
    if (cents === undefined || Object.keys(found).length > 0) {
      notify('The claim is not sent yet: fix the fields marked.', 'error');
      document.getElementById(found.actualSpendCents ? 'claim-spend' : 'claim-file')?.focus();
      return;
    }
    submitting.current = true;
    setBusy(true);
    try {
      const claim = await call(
        api.POST('/api/v1/mdf/claims', {
          params: { header: { 'Idempotency-Key': idempotencyKey.current } },
          body: { requestId: request.id, actualSpendCents: cents, fileIds: files.map((f) => f.id), ...(dealIds.length > 0 ? { dealIds } : {}) },
        }),
      );
      notify(`Your claim of ${formatMoney(claim.actualSpendCents, claim.currency)} is sent to finance.`);
      navigate(`/mdf/claims/${claim.id}`);
    } catch (e) {
      const err = toApiError(e);
      const byField: Record<string, string> = {};
      for (const key of ['actualSpendCents', 'fileIds', 'dealIds']) {
        const message = err.fieldMessage(key);
        if (message) byField[key] = message;
      }
      setProblems(byField);
      setError(Object.keys(byField).length > 0 ? null : err);
      notify(Object.keys(byField).length > 0 ? 'The claim is not sent yet: fix the fields marked.' : err.summary, 'error');
      submitting.current = false;
      setBusy(false);
    }
  };

  const uploading = upload.kind === 'uploading';
  const fileProblem = upload.kind === 'refused' ? upload.message : problems.fileIds;
  return (
    <form className="card" onSubmit={(e) => void submit(e)} noValidate aria-label="Claim the activity" aria-busy={busy} data-testid="claim-form">
      {error && (
        <p className="form-error" role="alert">
          {error.summary}
        </p>
      )}
      <MoneyInput
        id="claim-spend"
        label={
          <>
            Actual spend ({request.currency}) <span className="muted">(required)</span>
          </>
        }
        currency={request.currency}
        value={spend}
        onChange={(text) => {
          setSpend(text);
          clear('actualSpendCents');
        }}
        echo
        help={
          <>
            What the activity cost in total, as your invoices show. Finance reimburses your tier’s share of it, up to the {request.approvedCents === null ? 'approved amount' : formatMoney(request.approvedCents, request.currency)} approved.
          </>
        }
        error={problems.actualSpendCents}
      />

      <fieldset className="fieldset" aria-describedby="claim-file-help">
        <legend>Invoices and proof</legend>
        <div className="field">
          <span className="label" id="claim-kind-label">
            The next file is
          </span>
          <div role="radiogroup" aria-labelledby="claim-kind-label" className="actions">
            {(['invoice', 'proof'] as const).map((k) => (
              <label key={k} className="check">
                <input type="radio" name="claim-file-kind" value={k} checked={kind === k} onChange={() => setKind(k)} disabled={uploading} />
                {k === 'invoice' ? 'An invoice' : 'Proof of performance (photos, screenshots, attendee lists)'}
              </label>
            ))}
          </div>
        </div>
        <div className={`field${fileProblem ? ' has-error' : ''}`}>
          <label htmlFor="claim-file">Upload a file</label>
          <input
            ref={fileInput}
            id="claim-file"
            type="file"
            accept={FILE_ACCEPT}
            onChange={(e) => void choose(e.target.files?.[0])}
            disabled={uploading || busy}
            aria-invalid={fileProblem ? true : undefined}
            aria-describedby={`claim-file-help${fileProblem ? ' claim-file-error' : ''}`}
            data-testid="claim-file-input"
          />
          <FieldNotes id="claim-file" help={`PDF, PNG, JPEG or WebP, at most ${fileSize(FILE_MAX_BYTES)} each; it uploads when chosen. At least one invoice.`} error={fileProblem} />
        </div>
        {upload.kind === 'uploading' && (
          <div className="progress-block">
            <label htmlFor="claim-file-progress">
              Uploading {upload.name}: {fileSize(upload.progress.loaded)} of {fileSize(upload.progress.total)}
            </label>
            <progress id="claim-file-progress" max={upload.progress.total || 1} value={upload.progress.loaded} data-testid="claim-file-progress" />
          </div>
        )}
        {files.length === 0 ? (
          <EmptyState>No file is uploaded yet.</EmptyState>
        ) : (
          <ul className="plain claim-files" aria-label="Files sent with the claim">
            {files.map((f) => (
              <li key={f.id} data-testid={`claim-file-${f.id}`}>
                <span>
                  <strong>{KIND_LABEL[f.kind]}</strong>:{' '}
                  {f.name ?? (
                    <a href={f.url} download>
                      {f.fileName ?? `uploaded ${formatDateTime(f.createdAt)}`}
                    </a>
                  )}{' '}
                  <span className="muted">({fileSize(f.bytes)})</span>
                </span>
                <button
                  type="button"
                  className="button secondary small"
                  onClick={() => void remove(f)}
                  disabled={busy || removing !== null}
                  aria-busy={removing === f.id}
                  aria-label={`Remove ${fileName(f)} from the claim`}
                >
                  {removing === f.id ? 'Removing…' : 'Remove'}
                </button>
              </li>
            ))}
          </ul>
        )}
      </fieldset>

      <fieldset className={`fieldset${problems.dealIds ? ' has-error' : ''}`} aria-describedby={`claim-deals-help${problems.dealIds ? ' claim-deals-error' : ''}`}>
        <legend>Deals the activity produced</legend>
        {deals.length === 0 ? (
          <p id="claim-deals-help" className="help">
            You have registered no deal since {formatDay(request.startsOn)}. <Link to="/deals/new">Register one</Link> first if the activity produced it, or claim without deals.
          </p>
        ) : (
          <>
            <p id="claim-deals-help" className="help">
              Your deals registered since the activity started on {formatDay(request.startsOn)}. Linked deals count toward the return of your MDF. {dealIds.length > 0 && `${dealIds.length} selected.`}
            </p>
            <div className="field">
              <label htmlFor="claim-deal-search">Search deals</label>
              <input id="claim-deal-search" type="search" value={query} onChange={(e) => setQuery(e.target.value)} autoComplete="off" placeholder="Customer or domain" />
            </div>
            {shown.length === 0 ? (
              <EmptyState>No deal matches “{query.trim()}”.</EmptyState>
            ) : (
              <div className="check-scroll">
                {shown.map((d) => (
                  <label key={d.id} className="check">
                    <input
                      type="checkbox"
                      checked={dealIds.includes(d.id)}
                      onChange={(e) => {
                        setDealIds((ids) => (e.target.checked ? [...ids, d.id] : ids.filter((id) => id !== d.id)));
                        clear('dealIds');
                      }}
                      disabled={busy}
                      data-testid={`claim-deal-${d.id}`}
                    />
                    <span>
                      {d.customerCompany} <span className="muted">({d.customerDomain})</span> {formatMoney(d.status === 'won' && d.finalAmountCents !== null ? d.finalAmountCents : d.amountCents, d.currency)}{' '}
                      <StatusBadge status={d.status} /> <span className="muted">registered {formatDate(d.createdAt)}</span>
                    </span>
                  </label>
                ))}
              </div>
            )}
          </>
        )}
        {problems.dealIds && (
          <p id="claim-deals-error" className="field-error">
            {problems.dealIds}
          </p>
        )}
      </fieldset>

      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      <div className="actions">
        <button type="submit" className="button primary" disabled={busy || uploading || removing !== null} aria-busy={busy} data-testid="claim-submit">
          {busy ? 'Sending…' : 'Send the claim'}
        </button>
        <Link to="/mdf" className="button secondary">
          Cancel
        </Link>
      </div>
      {program && <p className="help">Claims of {program.name} are due within {program.claimDeadlineDays} days of the activity’s end.</p>}
    </form>
  );
}
