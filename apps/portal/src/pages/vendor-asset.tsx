import { api, call } from '../api/client';
import type { AssetDetail, WhoUses } from '../api/types';
import { useUser } from '../auth';
import { Link } from '../router';
import { Async, formatDate, formatDateTime, StatusBadge, type Loaded, useLoad } from '../ui';
import { Archive, DatesForm } from '../vendor-asset/dates-and-archive';
import { Details } from '../vendor-asset/details';
import { Usage } from '../vendor-asset/usage';
import { Versions } from '../vendor-asset/versions';
import { ASSET_EDITORS, ASSET_TYPE_LABELS } from '../vendor-ui';
import { useTitle } from './title';

/** One asset: its details and who may see it, dates and successor, files, and everything that uses it. */
export function VendorAssetPage({ params }: { params: Record<string, string> }) {
  const assetId = params.id!;
  const asset = useLoad(() => call(api.GET('/api/v1/assets/{id}', { params: { path: { id: assetId } } })), [assetId]);
  const usage = useLoad(() => call(api.GET('/api/v1/assets/{id}/usage', { params: { path: { id: assetId } } })), [assetId]);
  useTitle(asset.data ? asset.data.title : 'Asset');
  const reloadAll = () => {
    asset.reload();
    usage.reload();
  };
  return (
    <section className="page">
      <p className="breadcrumb">
        <Link to="/vendor/assets">Assets</Link>
      </p>
      <Async state={asset}>{(data) => <AssetView asset={data} usage={usage} reload={reloadAll} />}</Async>
    </section>
  );
}

function AssetView({ asset, usage, reload }: { asset: AssetDetail; usage: Loaded<WhoUses>; reload: () => void }) {
  const user = useUser();
  const canEdit = ASSET_EDITORS.includes(user.role) && asset.status !== 'archived';
  return (
    <>
      <header className="page-header asset-header">
        {asset.thumbnailUrl && <img className="thumb large" src={asset.thumbnailUrl} alt="" />}
        <div>
          <h1>{asset.title}</h1>
          <p>
            <StatusBadge status={asset.status} testId="asset-status" /> {ASSET_TYPE_LABELS[asset.type]}
            {asset.expiresAt && <span className="muted"> · expires {formatDateTime(asset.expiresAt)}</span>}
          </p>
        </div>
      </header>
      {asset.status === 'archived' && <p className="notice">Archived {formatDate(asset.archivedAt)}: it is out of the library for good and cannot be changed.</p>}
      {asset.status === 'expired' && <p className="notice">Expired: partners no longer see it{asset.successor ? `; “${asset.successor.title}” stands in for it` : ''}. Set a later expiry to bring it back.</p>}
      {!asset.currentVersionId && asset.status !== 'archived' && <p className="notice">No file yet: upload one below so partners can use it.</p>}
      <div className="claim-layout">
        <div className="claim-main">
          <Details asset={asset} canEdit={canEdit} reload={reload} />
          <Versions asset={asset} canEdit={canEdit} reload={reload} />
          <Usage state={usage} />
        </div>
        <aside className="claim-side" aria-label="Dates, successor and archive">
          {canEdit ? (
            <>
              <DatesForm asset={asset} reload={reload} />
              <Archive asset={asset} liveLaunches={usage.data?.liveLaunches} reload={reload} />
            </>
          ) : (
            <section className="card">
              <h2>Dates and successor</h2>
              <p className="muted">{asset.status === 'archived' ? 'An archived asset cannot be changed.' : 'Vendor admins, marketers and channel managers change these.'}</p>
            </section>
          )}
        </aside>
      </div>
    </>
  );
}
