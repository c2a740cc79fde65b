import type { Preview } from './api/types';

/**
 * A co-branded preview as the API renders it: emails and landing pages in sandboxed frames (no
 * scripts, no same-origin access), banners as the image, social posts as text with their lengths.
 */
export function PreviewBody({ name, preview, imageUrl }: { name: string; preview?: Preview; imageUrl?: string }) {
  return (
    <>
      {imageUrl && <img src={imageUrl} alt={`Banner preview: ${name}`} className="banner-preview" />}
      {preview?.kind === 'email' && (
        <>
          <dl className="email-meta">
            <dt>Subject</dt>
            <dd data-testid="preview-subject">{preview.subject}</dd>
            {preview.preheader && (
              <>
                <dt>Preview text</dt>
                <dd>{preview.preheader}</dd>
              </>
            )}
          </dl>
          <iframe title={`Email preview: ${name}`} sandbox="" srcDoc={preview.html} className="preview-frame" />
        </>
      )}
      {preview?.kind === 'landing_page' && <iframe title={`Landing page preview: ${name}`} sandbox="" srcDoc={preview.html} className="preview-frame tall" />}
      {preview?.kind === 'social_post' && (
        <>
          <p className="social-text">{preview.text}</p>
          <ul className="plain">
            {Object.entries(preview.lengths).map(([network, l]) => (
              <li key={network} className={l.length > l.limit ? 'field-error' : 'muted'}>
                {network}: {l.length}/{l.limit}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
