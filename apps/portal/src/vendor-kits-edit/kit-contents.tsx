import { useMemo, useState } from 'react';
import { Link } from '../router';
import type { DestinationRow, KitView, LibraryAsset } from './kit-form';

function usable(assets: LibraryAsset[], keep: string[]): LibraryAsset[] {
  return assets.filter((a) => keep.includes(a.id) || (a.status !== 'archived' && a.status !== 'expired')).sort((a, b) => a.title.localeCompare(b.title));
}

/** Where the kit's calls to action may point: an approved URL or a library asset (served as its current file). */
export function Destinations({ rows, onChange, assets, error }: { rows: DestinationRow[]; onChange: (rows: DestinationRow[]) => void; assets: LibraryAsset[]; error?: string }) {
  const update = (i: number, patch: Partial<DestinationRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const options = usable(
    assets,
    rows.map((r) => r.assetId),
  );
  return (
    <fieldset className={`fieldset${error ? ' has-error' : ''}`}>
      <legend>Destinations ({rows.length})</legend>
      <p className="help">Each destination becomes one trackable link per partner and template. Keys are lower-case, e.g. trial.</p>
      {rows.length === 0 && <p className="empty">No destination: links will only go to the partner’s landing page.</p>}
      {rows.map((r, i) => {
        const n = i + 1;
        return (
          <div key={i} className="destination-row" role="group" aria-label={`Destination ${n}`}>
            <div className="field">
              <label htmlFor={`dest-${i}-key`}>Key</label>
              <input id={`dest-${i}-key`} value={r.key} onChange={(e) => update(i, { key: e.target.value })} className="mono" maxLength={40} />
            </div>
            <div className="field">
              <label htmlFor={`dest-${i}-label`}>Label</label>
              <input id={`dest-${i}-label`} value={r.label} onChange={(e) => update(i, { label: e.target.value })} maxLength={100} />
            </div>
            <div className="field">
              <label htmlFor={`dest-${i}-target`}>Goes to</label>
              <select id={`dest-${i}-target`} value={r.target} onChange={(e) => update(i, { target: e.target.value as 'url' | 'asset' })}>
                <option value="url">A web address</option>
                <option value="asset">A library asset</option>
              </select>
            </div>
            {r.target === 'url' ? (
              <div className="field grow">
                <label htmlFor={`dest-${i}-url`}>Address</label>
                <input id={`dest-${i}-url`} type="url" inputMode="url" value={r.url} onChange={(e) => update(i, { url: e.target.value })} placeholder="https://" maxLength={2000} />
              </div>
            ) : (
              <div className="field grow">
                <label htmlFor={`dest-${i}-asset`}>Asset</label>
                <select id={`dest-${i}-asset`} value={r.assetId} onChange={(e) => update(i, { assetId: e.target.value })}>
                  <option value="">Choose an asset…</option>
                  {options.map((a) => (
                    <option key={a.id} value={a.id}>
                      {a.title} ({a.type}, {a.status})
                    </option>
                  ))}
                </select>
              </div>
            )}
            <div className="field">
              <button type="button" className="button small danger" onClick={() => onChange(rows.filter((_, j) => j !== i))} aria-label={`Remove destination ${n}${r.key ? ` (${r.key})` : ''}`}>
                Remove
              </button>
            </div>
          </div>
        );
      })}
      {error && <p className="field-error">{error}</p>}
      <button type="button" className="button secondary" onClick={() => onChange([...rows, { key: '', label: '', target: 'url', url: '', assetId: '' }])} data-testid="add-destination">
        Add destination
      </button>
    </fieldset>
  );
}

/** The kit's own content from the library (datasheets, decks), frozen at publish. */
export function KitAssets({ chosen, onChange, assets, error }: { chosen: string[]; onChange: (ids: string[]) => void; assets: LibraryAsset[]; error?: string }) {
  const [filter, setFilter] = useState('');
  const shown = useMemo(() => {
    const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
    return usable(assets, chosen).filter((a) => chosen.includes(a.id) || words.every((w) => `${a.title} ${a.type}`.toLowerCase().includes(w)));
  }, [assets, chosen, filter]);
  return (
    <fieldset className={`fieldset${error ? ' has-error' : ''}`}>
      <legend>Library assets ({chosen.length} chosen)</legend>
      <label htmlFor="kit-asset-filter" className="visually-hidden">
        Find assets
      </label>
      <input id="kit-asset-filter" type="search" placeholder="Find assets" value={filter} onChange={(e) => setFilter(e.target.value)} />
      <div className="check-scroll">
        {shown.length === 0 && <p className="muted">No asset matches.</p>}
        {shown.map((a) => (
          <label key={a.id} className="check">
            <input type="checkbox" checked={chosen.includes(a.id)} onChange={() => onChange(chosen.includes(a.id) ? chosen.filter((x) => x !== a.id) : [...chosen, a.id])} /> {a.title}{' '}
            <span className="muted">
              ({a.type}, {a.status})
            </span>
          </label>
        ))}
      </div>
      {error && <p className="field-error">{error}</p>}
    </fieldset>
  );
}

export function AssetIssues({ kit }: { kit: KitView }) {
  const issues = kit.assetIssues ?? [];
  if (issues.length === 0) return null;
  return (
    <div className="notice" role="note" data-testid="kit-asset-issues">
      <p>
        <strong>Library assets need attention.</strong>
      </p>
      <ul>
        {issues.map((i) => (
          <li key={i.assetId}>
            <Link to={`/vendor/assets/${i.assetId}`}>{i.title ?? i.assetId}</Link> is {i.state}
            {i.blocking ? ': launches are blocked until it is replaced' : i.successor ? `; ${i.successor.title} stands in for it` : ''} (used in {i.fields.join(', ')}).
          </li>
        ))}
      </ul>
    </div>
  );
}
