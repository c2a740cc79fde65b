import { useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../api/client';
import type { AssetDetail, AssetVersion } from '../api/types';
import { formatBytes, uploadFile, type Upload, type UploadProgress } from '../asset-upload';
import { useToast } from '../toast';
import { EmptyState, Field, formatDateTime, toApiError } from '../ui';
import { ASSET_TYPE_ACCEPT, ASSET_TYPE_FILES, ASSET_TYPE_LABELS } from '../vendor-ui';

export function Versions({ asset, canEdit, reload }: { asset: AssetDetail; canEdit: boolean; reload: () => void }) {
  return (
    <section className="card" aria-labelledby="asset-versions">
      <h2 id="asset-versions">Files</h2>
      {canEdit && <UploadForm asset={asset} reload={reload} />}
      {asset.versions.length === 0 ? (
        <EmptyState>No file has been uploaded yet.</EmptyState>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Versions, newest first</caption>
            <thead>
              <tr>
                <th scope="col">
                  <span className="visually-hidden">Thumbnail</span>
                </th>
                <th scope="col">Version</th>
                <th scope="col">File</th>
                <th scope="col" className="num">
                  Size
                </th>
                <th scope="col">Uploaded</th>
              </tr>
            </thead>
            <tbody>
              {asset.versions.map((v) => (
                <VersionRow key={v.id} version={v} current={v.id === asset.currentVersionId} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function VersionRow({ version: v, current }: { version: AssetVersion; current: boolean }) {
  return (
    <tr data-testid={`asset-version-${v.version}`}>
      <td className="thumb-cell">{v.thumbnailUrl ? <img className="thumb" src={v.thumbnailUrl} alt={`Thumbnail of version ${v.version}`} loading="lazy" /> : <span className="thumb thumb-empty" aria-hidden="true" />}</td>
      <td>
        {v.version} {current && <span className="badge badge-live">current</span>}
      </td>
      <td className="wrap">
        {v.fileName}
        <span className="block muted">
          {v.contentType}
          {v.width && v.height ? `, ${v.width} × ${v.height} px` : ''} · SHA-256 <code title={v.sha256}>{v.sha256.slice(0, 12)}…</code>
        </span>
      </td>
      <td className="num">{formatBytes(v.bytes)}</td>
      <td>{formatDateTime(v.createdAt)}</td>
    </tr>
  );
}

function UploadForm({ asset, reload }: { asset: AssetDetail; reload: () => void }) {
  const { notify } = useToast();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [upload, setUpload] = useState<Upload<AssetVersion> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [announce, setAnnounce] = useState('');
  const lastAnnounced = useRef(-1);

  const start = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      setError('Choose a file first.');
      input.current?.focus();
      return;
    }
    setError(null);
    setProgress({ loaded: 0, total: file.size });
    lastAnnounced.current = -1;
    const job = uploadFile<AssetVersion>(`/api/v1/assets/${encodeURIComponent(asset.id)}/versions`, file, (p) => {
      setProgress(p);
      // Screen readers hear every quarter, not every event.
      const quarter = p.total > 0 ? Math.floor((p.loaded / p.total) * 4) : 0;
      if (quarter !== lastAnnounced.current && quarter < 4) {
        lastAnnounced.current = quarter;
        setAnnounce(`Uploading: ${quarter * 25} %`);
      }
    });
    setUpload(job);
    try {
      const version = await job.done;
      const text = `Version ${version.version} (${version.fileName}) is uploaded and now current.`;
      setAnnounce(text);
      notify(text);
      setFile(null);
      if (input.current) input.current.value = '';
      reload();
    } catch (e) {
      const apiError = toApiError(e);
      const text = uploadProblem(apiError, asset);
      setError(text);
      setAnnounce('');
      notify(apiError.code === 'ABORTED' ? 'The upload was cancelled.' : text, apiError.code === 'ABORTED' ? 'info' : 'error');
      input.current?.focus();
    } finally {
      setUpload(null);
      setProgress(null);
    }
  };

  const percent = progress && progress.total > 0 ? Math.min(100, Math.round((progress.loaded / progress.total) * 100)) : 0;
  return (
    <form className="upload-form" onSubmit={(e) => void start(e)} noValidate>
      <Field
        id="asset-upload"
        label={asset.versions.length > 0 ? 'Upload a new version' : 'Upload the file'}
        help={`${ASSET_TYPE_FILES[asset.type]}, checked by content; the file name’s extension must agree. The new file becomes the current one everywhere it is used.`}
        error={error ?? undefined}
      >
        {(describedBy, invalid) => (
          <input
            ref={input}
            id="asset-upload"
            type="file"
            accept={ASSET_TYPE_ACCEPT[asset.type]}
            disabled={upload !== null}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setError(null);
            }}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            data-testid="asset-upload-input"
          />
        )}
      </Field>
      {progress && (
        <div className="upload-progress">
          <label htmlFor="asset-upload-progress">
            Uploading {file?.name}: {percent} % of {formatBytes(progress.total)}
          </label>
          <progress id="asset-upload-progress" max={100} value={percent} data-testid="asset-upload-progress" />
        </div>
      )}
      <p className="visually-hidden" role="status" aria-live="polite">
        {announce}
      </p>
      <div className="actions">
        <button type="submit" className="button" disabled={upload !== null || !file} aria-busy={upload !== null} data-testid="asset-upload-submit">
          {upload ? 'Uploading…' : 'Upload'}
        </button>
        {upload && (
          <button type="button" className="button secondary" onClick={() => upload.abort()} data-testid="asset-upload-cancel">
            Cancel upload
          </button>
        )}
      </div>
    </form>
  );
}

/** The message shown next to the file input: a refused file says why, in the reader's words. */
function uploadProblem(error: ApiError, asset: AssetDetail): string {
  if (error.status === 413) {
    const limit = /(\d+) bytes/.exec(error.message)?.[1];
    return `This file is too large: ${ASSET_TYPE_LABELS[asset.type].toLowerCase()} files may be at most ${limit ? formatBytes(Number(limit)) : 'the configured limit'}.`;
  }
  if (error.status === 415) {
    const why = error.fieldMessage('file');
    const kind = ASSET_TYPE_LABELS[asset.type].toLowerCase();
    return `This file is not accepted for ${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}: ${why ?? error.message}. Allowed: ${ASSET_TYPE_FILES[asset.type]}.`;
  }
  return error.fieldMessage('file') ?? error.summary;
}
