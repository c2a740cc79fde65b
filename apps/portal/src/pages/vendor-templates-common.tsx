import { useEffect, useMemo, useState } from 'react';
import { ApiError, api, callAs } from '../api/client';
import type { Preview, Schemas } from '../api/types';
import { ErrorState, Loading, toApiError } from '../ui';
import { PreviewBody } from '../preview';
import { PERMISSIONS } from '../permissions';

export type TemplateDetail = Schemas['TemplateView'];
export type TemplateVersion = Schemas['TemplateVersionView'];
export type TemplateKind = TemplateDetail['kind'];
type Partner = Schemas['PartnerView'];

/** Who authors templates and kits (the API's permissions table; both actions have the same roles). */
export const AUTHOR_ROLES: readonly string[] = PERMISSIONS['author-brand'].roles;

export const TEMPLATE_KIND_LABELS: Record<TemplateKind, string> = { email: 'Email', landing_page: 'Landing page', banner: 'Banner', social_post: 'Social post' };
export const TEMPLATE_KINDS = Object.keys(TEMPLATE_KIND_LABELS) as TemplateKind[];

/** Runs `task` over `items` with at most `limit` requests in flight, keeping the order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** The version being worked on (the draft when there is one) and the latest published one. */
export function versionsOf(template: TemplateDetail): { draft: TemplateVersion | undefined; published: TemplateVersion | undefined; latest: TemplateVersion | undefined } {
  const versions = [...(template.versions ?? [])].sort((a, b) => b.version - a.version);
  return { draft: versions.find((v) => v.status === 'draft'), published: versions.find((v) => v.status === 'published'), latest: versions[0] };
}

/** A select of partners with a filter box: hundreds of partners stay usable on a phone and from the keyboard. */
export function PartnerPicker({ id, label, partners, value, onChange, help }: { id: string; label: string; partners: Partner[]; value: string; onChange: (id: string) => void; help?: string }) {
  const [filter, setFilter] = useState('');
  const shown = useMemo(() => {
    const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
    return partners.filter((p) => p.id === value || words.every((w) => `${p.name} ${p.slug} ${p.region}`.toLowerCase().includes(w))).slice(0, 300);
  }, [partners, filter, value]);
  return (
    <div className="field partner-picker">
      <label htmlFor={`${id}-filter`}>Find a partner</label>
      <input id={`${id}-filter`} type="search" value={filter} placeholder="Name, slug or region" onChange={(e) => setFilter(e.target.value)} />
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={help ? `${id}-help` : undefined} data-testid={id}>
        <option value="">Choose a partner…</option>
        {shown.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name} ({p.region})
          </option>
        ))}
      </select>
      {help && (
        <p id={`${id}-help`} className="help">
          {help}
        </p>
      )}
    </div>
  );
}

/**
 * A template rendered for one partner by the API's co-branded preview: emails and landing pages in
 * sandboxed frames (no scripts, no same-origin access), banners as the image, social posts as text.
 */
export function CoBrandedPreview({ template, partnerId, version, refresh }: { template: TemplateDetail; partnerId: string; version: 'draft' | 'published'; refresh: number }) {
  const [state, setState] = useState<{ preview?: Preview; imageUrl?: string; error?: ApiError; loading: boolean }>({ loading: true });
  useEffect(() => {
    let live = true;
    let objectUrl: string | undefined;
    setState({ loading: true });
    const body = { partnerId, version, edits: {} };
    const request =
      template.kind === 'banner'
        ? callAs<Blob>(api.POST('/api/v1/templates/{id}/preview', { params: { path: { id: template.id } }, body, parseAs: 'blob' })).then((blob) => {
            objectUrl = URL.createObjectURL(blob);
            return { imageUrl: objectUrl };
          })
        : callAs<Preview>(api.POST('/api/v1/templates/{id}/preview', { params: { path: { id: template.id } }, body })).then((preview) => ({ preview }));
    request.then(
      (result) => live && setState({ ...result, loading: false }),
      (e: unknown) => live && setState({ error: toApiError(e), loading: false }),
    );
    return () => {
      live = false;
      if (objectUrl) {
        const url = objectUrl;
        window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
      }
    };
  }, [template.id, template.kind, partnerId, version, refresh]);

  const { preview, imageUrl, error, loading } = state;
  if (loading) return <Loading label="Rendering the preview…" />;
  if (error) return <ErrorState error={error} />;
  const blockers = preview?.launchBlockers ?? [];
  return (
    <div className="preview" data-testid="template-preview">
      {blockers.length > 0 && (
        <div className="notice" role="note">
          <p>With their defaults, these fields would block a launch:</p>
          <ul>
            {blockers.map((b) => (
              <li key={`${b.field}-${b.message}`}>
                <code>{b.field}</code>: {b.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <PreviewBody name={template.name} preview={preview} imageUrl={imageUrl} />
    </div>
  );
}
