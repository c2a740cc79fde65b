import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError, api, call } from '../api/client';
import { fileSize, sendFile, type UploadProgress } from '../partner-upload';
import { useToast } from '../toast';
import { Async, EmptyState, ErrorState, Loading, toApiError, useLoad } from '../ui';
import type { Partner } from './profile-form';

const LOGO_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/svg+xml'];

/** The current logo, an upload with progress, and the logo placed on one of the vendor's banners. */
export function LogoSection({ partner, onChanged, editable }: { partner: Partner; onChanged: (p: Partner) => void; editable: boolean }) {
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
