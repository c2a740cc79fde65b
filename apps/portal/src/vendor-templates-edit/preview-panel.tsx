import { useEffect, useState } from 'react';
import { api, call } from '../api/client';
import { CoBrandedPreview, PartnerPicker, type TemplateDetail } from '../pages/vendor-templates-common';
import { Async, loadAll, useLoad } from '../ui';

/** Renders the saved draft (or the published version) for any partner through the co-branded preview. */
export function PreviewPanel({ template, hasDraft, hasPublished }: { template: TemplateDetail; hasDraft: boolean; hasPublished: boolean }) {
  const partners = useLoad(() => loadAll((cursor) => call(api.GET('/api/v1/partners', { params: { query: { limit: 100, cursor } } }))).then((all) => all.sort((a, b) => a.name.localeCompare(b.name))), []);
  const [partnerId, setPartnerId] = useState('');
  const [version, setVersion] = useState<'draft' | 'published'>(hasDraft ? 'draft' : 'published');
  const [refresh, setRefresh] = useState(0);
  // A save starts a draft, a publish ends it: show what was just saved, and render it again.
  useEffect(() => {
    setVersion(hasDraft ? 'draft' : 'published');
    setRefresh((r) => r + 1);
  }, [hasDraft, template]);
  const which = hasDraft ? version : 'published';
  return (
    <section className="card" aria-labelledby="preview-title">
      <h2 id="preview-title">Preview as a partner</h2>
      <p className="help">Shows the saved {which === 'draft' ? 'draft' : 'published version'} with the partner’s logo and profile and every default value. Save first to see your changes.</p>
      <Async state={partners}>
        {(list) => (
          <div className="form-grid">
            <PartnerPicker id="preview-partner" label="Partner" partners={list} value={partnerId} onChange={setPartnerId} />
            {hasDraft && hasPublished && (
              <fieldset className="check-group">
                <legend>Version</legend>
                <label className="check">
                  <input type="radio" name="preview-version" checked={version === 'draft'} onChange={() => setVersion('draft')} /> Draft
                </label>
                <label className="check">
                  <input type="radio" name="preview-version" checked={version === 'published'} onChange={() => setVersion('published')} /> Published
                </label>
              </fieldset>
            )}
            <div className="field">
              <button type="button" className="button secondary" onClick={() => setRefresh((r) => r + 1)} disabled={!partnerId}>
                Refresh preview
              </button>
            </div>
          </div>
        )}
      </Async>
      {!hasDraft && !hasPublished ? (
        <p className="empty">Nothing to preview yet.</p>
      ) : partnerId ? (
        <CoBrandedPreview template={template} partnerId={partnerId} version={which} refresh={refresh} />
      ) : (
        <p className="empty">Choose a partner to see the template as theirs.</p>
      )}
    </section>
  );
}
