import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError, api, call } from '../api/client';
import { useUser } from '../auth';
import { can, WhoCan } from '../partner-ui';
import { fileSize as formatBytes, sendFile as uploadFile, type UploadProgress } from '../partner-upload';
import { navigate } from '../router';
import { useToast } from '../toast';
import { EmptyState, ErrorState, formatDateTime, Loading, Pager, StatusBadge, toApiError, useCursorPager, useLoad } from '../ui';
import type { ImportCreated, ImportReport, ImportRow } from './contact-types';

const REPORT_PAGE_SIZE = 50;

const IMPORT_MAX_BYTES = 5 * 1024 * 1024;

const IMPORT_MAX_ROWS = 50_000;

const IMPORT_POLL_MS = 1500;

type ImportPhase = { kind: 'idle' } | { kind: 'uploading'; progress: UploadProgress } | { kind: 'processing' } | { kind: 'refused'; error: ApiError };

export function ImportSection({ importId }: { importId: string | null }) {
  const user = useUser();
  const { notify } = useToast();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<ImportPhase>({ kind: 'idle' });
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');

  const choose = (chosen: File | null) => {
    setFile(chosen);
    setPhase({ kind: 'idle' });
    setFileProblem(chosen && chosen.size > IMPORT_MAX_BYTES ? `The file is ${formatBytes(chosen.size)}; the limit is ${formatBytes(IMPORT_MAX_BYTES)}. Split it into smaller files.` : null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      setFileProblem('Choose a CSV file first.');
      input.current?.focus();
      return;
    }
    if (fileProblem) return;
    setPhase({ kind: 'uploading', progress: { loaded: 0, total: file.size } });
    setAnnouncement(`Uploading ${file.name}.`);
    try {
      const created = await uploadFile<ImportCreated>('POST', '/api/v1/contacts/imports', file, (progress) => {
        setPhase(progress.loaded >= progress.total ? { kind: 'processing' } : { kind: 'uploading', progress });
      });
      setPhase({ kind: 'idle' });
      setFile(null);
      if (input.current) input.current.value = '';
      navigate(`/contacts?tab=import&import=${created.id}`, { replace: true });
      notify(created.status === 'processing' ? 'The file is uploaded; its rows are being imported.' : importSummary(created));
    } catch (e) {
      const error = toApiError(e);
      setPhase({ kind: 'refused', error });
      setAnnouncement('');
      notify(`The file was not imported: ${error.fieldMessage('file') ?? error.summary}`, 'error');
    }
  };

  const busy = phase.kind === 'uploading' || phase.kind === 'processing';
  const problem = fileProblem ?? (phase.kind === 'refused' ? (phase.error.fieldMessage('file') ?? phase.error.summary) : null);
  return (
    <>
      {can(user, 'manage-contacts') ? (
        <form className="card" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="import-title" aria-busy={busy}>
          <h2 id="import-title">Import contacts from a CSV file</h2>
          <p>
            A UTF-8 CSV with a header row (“CSV UTF-8” in Excel), at most {formatBytes(IMPORT_MAX_BYTES)} and {IMPORT_MAX_ROWS.toLocaleString()} rows. The columns it
            understands: <code>email</code> (required), <code>first name</code>, <code>last name</code>, <code>company</code>, <code>title</code>, <code>country</code>,{' '}
            <code>time zone</code>, <code>consent</code> (granted, pending, denied or unknown) and <code>consent source</code>. Other columns are ignored.
          </p>
          <p className="help">A contact that is already there (same email) is updated; a bad row is reported and does not stop the file.</p>
          <div className={`field${problem ? ' has-error' : ''}`}>
            <label htmlFor="contact-import-file">CSV file</label>
            <input
              ref={input}
              id="contact-import-file"
              type="file"
              accept=".csv,text/csv"
              onChange={(e) => choose(e.target.files?.[0] ?? null)}
              disabled={busy}
              aria-invalid={problem ? true : undefined}
              aria-describedby={problem ? 'contact-import-error' : undefined}
              data-testid="contact-import-input"
            />
            {file && !problem && <p className="help">{`${file.name}, ${formatBytes(file.size)}`}</p>}
            {problem && (
              <p id="contact-import-error" className="field-error">
                {problem}
              </p>
            )}
          </div>
          {phase.kind === 'uploading' && (
            <div className="progress-block">
              <label htmlFor="import-upload-progress">
                Uploading: {formatBytes(phase.progress.loaded)} of {formatBytes(phase.progress.total)}
              </label>
              <progress id="import-upload-progress" max={phase.progress.total} value={phase.progress.loaded} />
            </div>
          )}
          {phase.kind === 'processing' && (
            <div className="progress-block">
              <label htmlFor="import-processing-progress">Checking and importing the rows…</label>
              <progress id="import-processing-progress" />
            </div>
          )}
          <button type="submit" className="button" disabled={busy} aria-busy={busy} data-testid="contact-import-submit">
            {busy ? 'Importing…' : 'Import'}
          </button>
        </form>
      ) : (
        <WhoCan actions={['manage-contacts']}>You can read the reports of earlier imports from their links.</WhoCan>
      )}
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      {importId && <ImportReportView importId={importId} onSettled={(text) => setAnnouncement(text)} />}
    </>
  );
}

function importSummary(s: Pick<ImportReport, 'imported' | 'updated' | 'rejected' | 'totalRows'>): string {
  return `Import finished: ${s.imported} added, ${s.updated} updated, ${s.rejected} refused of ${s.totalRows} rows.`;
}

const OUTCOME_LABEL: Record<ImportRow['outcome'], string> = { imported: 'added', updated: 'updated', rejected: 'refused' };

/** One import: its progress while it runs (polled), then the summary and every row's outcome. */
export function ImportReportView({ importId, onSettled }: { importId: string; onSettled: (text: string) => void }) {
  const [onlyRefused, setOnlyRefused] = useState(false);
  const pager = useCursorPager();
  const { reset } = pager;
  useEffect(() => reset(), [importId, onlyRefused]);
  const state = useLoad(
    () =>
      call(
        api.GET('/api/v1/contacts/imports/{id}', {
          params: { path: { id: importId }, query: { limit: REPORT_PAGE_SIZE, cursor: pager.cursor, ...(onlyRefused ? { outcome: 'rejected' as const } : {}) } },
        }),
      ),
    [importId, pager.cursor, onlyRefused],
  );
  const processing = state.data?.status === 'processing';
  const { reload } = state;
  useEffect(() => {
    if (!processing) return;
    const timer = window.setInterval(reload, IMPORT_POLL_MS);
    return () => window.clearInterval(timer);
  }, [processing, reload]);
  const status = state.data?.status;
  useEffect(() => {
    if (status === 'completed' && state.data) onSettled(importSummary(state.data));
    if (status === 'failed') onSettled('The import stopped with an error.');
    // Announce once per status change, not on every page of rows.
  }, [status]);

  if (state.error) return <ErrorState error={state.error} retry={state.reload} />;
  if (!state.data) return <Loading label="Loading the import report…" />;
  const report = state.data;
  const done = report.imported + report.updated + report.rejected;
  return (
    <section className="card" aria-labelledby="import-report-title" data-testid="import-report" aria-busy={state.loading}>
      <h2 id="import-report-title">
        Import of {formatDateTime(report.createdAt)} <StatusBadge status={report.status} testId="import-status" />
      </h2>
      {report.status === 'processing' && (
        <div className="progress-block">
          <label htmlFor="import-row-progress">
            {done} of {report.totalRows} rows done
          </label>
          <progress id="import-row-progress" max={Math.max(report.totalRows, 1)} value={done} />
        </div>
      )}
      {report.status === 'failed' && (
        <p className="form-error" role="alert">
          The import stopped with an error after {done} rows. The rows below were written; import the file again to finish (rows already there are updated, not duplicated).
        </p>
      )}
      <dl className="stats small">
        <div>
          <dt>Rows</dt>
          <dd>{report.totalRows}</dd>
        </div>
        <div>
          <dt>Added</dt>
          <dd data-testid="import-imported">{report.imported}</dd>
        </div>
        <div>
          <dt>Updated</dt>
          <dd data-testid="import-updated">{report.updated}</dd>
        </div>
        <div>
          <dt>Refused</dt>
          <dd data-testid="import-rejected">{report.rejected}</dd>
        </div>
      </dl>
      {report.ignoredColumns.length > 0 && <p className="help">Ignored columns (not recognised): {report.ignoredColumns.join(', ')}.</p>}
      <div className="toolbar report-toolbar">
        <label className="checkbox">
          <input type="checkbox" checked={onlyRefused} onChange={(e) => setOnlyRefused(e.target.checked)} /> Only refused rows
        </label>
      </div>
      {report.rows.length === 0 ? (
        <EmptyState>{onlyRefused ? 'No row was refused.' : report.status === 'processing' ? 'The first rows appear here as they are written.' : 'The file had no data rows.'}</EmptyState>
      ) : (
        <>
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">Outcome of each row; the header is row 1</caption>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    Row
                  </th>
                  <th scope="col">Email</th>
                  <th scope="col">Outcome</th>
                  <th scope="col">Why</th>
                </tr>
              </thead>
              <tbody>
                {report.rows.map((r) => (
                  <tr key={r.row} data-testid={`import-row-${r.row}`}>
                    <td className="num">{r.row}</td>
                    <td className="wrap">{r.email ?? '—'}</td>
                    <td>
                      <span className={`badge badge-outcome-${r.outcome}`}>{OUTCOME_LABEL[r.outcome]}</span>
                    </td>
                    <td>
                      {r.errors.length === 0 ? (
                        '—'
                      ) : (
                        <ul className="plain compact-list">
                          {r.errors.map((e, i) => (
                            <li key={i}>
                              {e.field && <strong>{e.field}: </strong>}
                              {e.message}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager page={pager.page} hasNext={!!report.nextCursor} onNext={() => report.nextCursor && pager.next(report.nextCursor)} onPrevious={pager.previous} label="Import report" />
        </>
      )}
    </section>
  );
}
