import { useEffect, useState } from 'react';
import { api, call } from '../api/client';
import type { LibraryItem } from '../api/types';
import { openDownload } from '../partner-ui';
import { fileSize } from '../partner-upload';
import { Link } from '../router';
import { useToast } from '../toast';
import { Async, daysUntil, EmptyState, ErrorState, formatDate, Loading, Pager, toApiError, useCursorPager, useDebouncedValue, useLoad } from '../ui';
import { useTitle } from './title';

type AssetType = LibraryItem['type'];

const PAGE_SIZE = 12;
const EXPIRY_WARNING_DAYS = 30;
const TYPES: AssetType[] = ['datasheet', 'deck', 'video', 'image', 'legal', 'document'];
const TYPE_LABEL: Record<AssetType, string> = { datasheet: 'Datasheet', deck: 'Deck', video: 'Video', image: 'Image', legal: 'Legal', document: 'Document' };

/** An asset that answered 410: expired (or archived), with what replaces it when there is one. */
interface Expired {
  successorId: string | null;
}

function expiredOf(e: unknown): Expired | null {
  const error = toApiError(e);
  if (error.status !== 410) return null;
  const successorId = error.details.successorId;
  return { successorId: typeof successorId === 'string' ? successorId : null };
}

/** The vendor's content this partner may use now: search, filter by type, download. */
export function LibraryPage() {
  useTitle('Library');
  const [query, setQuery] = useState('');
  const [type, setType] = useState<AssetType | ''>('');
  const q = useDebouncedValue(query.trim());
  const pager = useCursorPager();
  const { reset } = pager;
  useEffect(() => reset(), [q, type]);
  const state = useLoad(
    () => call(api.GET('/api/v1/library', { params: { query: { limit: PAGE_SIZE, cursor: pager.cursor, ...(q ? { q } : {}), ...(type ? { type } : {}) } } })),
    [pager.cursor, q, type],
  );
  return (
    <section className="page">
      <h1>Library</h1>
      <p className="lede">Datasheets, decks, images and videos from the vendor, always the current version. Expired content leaves the library; its successor takes its place.</p>
      <div className="toolbar">
        <label htmlFor="library-search">Search</label>
        <input id="library-search" type="search" value={query} placeholder="Title, description or tag" onChange={(e) => setQuery(e.target.value)} data-testid="library-search" />
        <label htmlFor="library-type">Type</label>
        <select id="library-type" value={type} onChange={(e) => setType(e.target.value as AssetType | '')} data-testid="library-type" className="narrow">
          <option value="">All types</option>
          {TYPES.map((t) => (
            <option key={t} value={t}>
              {TYPE_LABEL[t]}
            </option>
          ))}
        </select>
      </div>
      <Async state={state}>
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState>{q || type ? 'Nothing in the library matches. Try other words or all types.' : 'The library is empty for now. Content the vendor publishes for you appears here.'}</EmptyState>
          ) : (
            <>
              <ul className="asset-grid" aria-busy={state.loading}>
                {page.items.map((item) => (
                  <AssetCard key={item.id} item={item} />
                ))}
              </ul>
              <Pager page={pager.page} hasNext={!!page.nextCursor} onNext={() => page.nextCursor && pager.next(page.nextCursor)} onPrevious={pager.previous} label="Library" />
            </>
          )
        }
      </Async>
    </section>
  );
}

function AssetCard({ item }: { item: LibraryItem }) {
  const [expired, setExpired] = useState<Expired | null>(null);
  return (
    <li className="card asset-card" data-testid={`library-item-${item.id}`}>
      <Thumbnail item={item} />
      <div className="asset-body">
        <h2 className="card-title">
          <Link to={`/library/${item.id}`}>{item.title}</Link>
        </h2>
        <p className="muted">
          {TYPE_LABEL[item.type]} · {fileSize(item.bytes)} · {item.locale}
        </p>
        <ExpiryLine item={item} expired={expired} />
        {expired ? (
          <ExpiredNote expired={expired} />
        ) : (
          <DownloadButton item={item} onExpired={setExpired} />
        )}
      </div>
    </li>
  );
}

function ExpiryLine({ item, expired }: { item: LibraryItem; expired: Expired | null }) {
  if (expired) return null;
  const days = item.expiresAt ? daysUntil(item.expiresAt) : null;
  return (
    <p className="asset-expiry">
      {item.expiresAt === null ? (
        <span className="muted">Does not expire</span>
      ) : (
        <>
          {days !== null && days <= EXPIRY_WARNING_DAYS && <span className="badge badge-soon">expires soon</span>} Expires {formatDate(item.expiresAt)}
          {days !== null && days <= EXPIRY_WARNING_DAYS && ` (in ${days} ${days === 1 ? 'day' : 'days'})`}
        </>
      )}
      {item.successor && (
        <>
          <br />
          Replaced by <Link to={`/library/${item.successor.id}`}>{item.successor.title}</Link>
          {item.successor.status === 'scheduled' && <span className="muted"> (coming)</span>}
        </>
      )}
    </p>
  );
}

function ExpiredNote({ expired }: { expired: Expired }) {
  return (
    <p className="notice" role="note" data-testid="library-expired">
      <span className="badge badge-expired">expired</span> This asset is no longer available.{' '}
      {expired.successorId ? <Link to={`/library/${expired.successorId}`}>Open the asset that replaces it</Link> : 'Nothing replaces it.'}
    </p>
  );
}

/** Asks for a download URL on the click (it is short-lived and counted per download) and opens it. */
function DownloadButton({ item, onExpired }: { item: LibraryItem; onExpired: (e: Expired) => void }) {
  const { notify } = useToast();
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      const link = await call(api.POST('/api/v1/library/{id}/download', { params: { path: { id: item.id } } }));
      openDownload(link.url, link.fileName);
      notify(`${link.fileName} is downloading.`, 'info');
    } catch (e) {
      const expired = expiredOf(e);
      if (expired) {
        onExpired(expired);
        notify(`${item.title} has expired${expired.successorId ? '; a newer asset replaces it' : ''}.`, 'error');
      } else {
        notify(toApiError(e).summary, 'error');
      }
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" className="button secondary" onClick={() => void download()} disabled={busy} aria-busy={busy} data-testid={`library-download-${item.id}`}>
      {busy ? 'Preparing…' : <>Download<span className="visually-hidden"> {item.title}</span></>}
    </button>
  );
}

/** The thumbnail (images) or the type's icon; the icon comes from the API with the session, as a blob. */
function Thumbnail({ item, large = false }: { item: LibraryItem; large?: boolean }) {
  const [src, setSrc] = useState<string | null>(item.thumbnailUrl);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (item.thumbnailUrl) {
      setSrc(item.thumbnailUrl);
      return;
    }
    let objectUrl: string | undefined;
    let live = true;
    call(api.GET('/api/v1/library/{id}/preview', { params: { path: { id: item.id } }, parseAs: 'blob' })).then(
      (blob) => {
        if (!live) return;
        objectUrl = URL.createObjectURL(blob);
        setSrc(objectUrl);
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [item.id, item.thumbnailUrl]);
  const className = `asset-thumb${large ? ' large' : ''}`;
  if (failed || !src) return <div className={`${className} placeholder`} aria-hidden="true">{TYPE_LABEL[item.type]}</div>;
  return <img className={className} src={src} alt="" loading="lazy" onError={() => setFailed(true)} />;
}

/** One asset: what it is, its dates and successor, and its download. */
export function LibraryItemPage({ params }: { params: Record<string, string> }) {
  const id = params.id!;
  const state = useLoad(
    () =>
      call(api.GET('/api/v1/library/{id}', { params: { path: { id } } })).then(
        (item) => ({ item, expired: null as Expired | null }),
        (e: unknown) => {
          const expired = expiredOf(e);
          if (expired) return { item: null, expired };
          throw e;
        },
      ),
    [id],
  );
  const [expiredNow, setExpiredNow] = useState<Expired | null>(null);
  useEffect(() => setExpiredNow(null), [id]);
  useTitle(state.data?.item?.title ?? (state.data?.expired ? 'Expired asset' : 'Library'));
  return (
    <section className="page">
      <p className="breadcrumb">
        <Link to="/library">Library</Link>
      </p>
      {state.error ? (
        <ErrorState error={state.error} retry={state.reload} />
      ) : !state.data ? (
        <Loading />
      ) : !state.data.item ? (
        <>
          <h1>This asset has expired</h1>
          <ExpiredNote expired={state.data.expired ?? { successorId: null }} />
        </>
      ) : (
        (() => {
          const item = state.data.item;
          const expired = expiredNow;
          return (
            <article className="asset-detail" data-testid={`library-item-${item.id}`}>
              <Thumbnail item={item} large />
              <div>
                <h1>{item.title}</h1>
                <p className="muted">
                  {TYPE_LABEL[item.type]} · {item.fileName} · {fileSize(item.bytes)}
                </p>
                {item.description && <p className="pre-line">{item.description}</p>}
                <dl className="facts">
                  <dt>Language</dt>
                  <dd>{item.locale}</dd>
                  <dt>Published</dt>
                  <dd>{formatDate(item.publishAt)}</dd>
                  <dt>Expires</dt>
                  <dd>{item.expiresAt ? `${formatDate(item.expiresAt)} (in ${daysUntil(item.expiresAt)} days)` : 'Does not expire'}</dd>
                  <dt>Replaced by</dt>
                  <dd>{item.successor ? <Link to={`/library/${item.successor.id}`}>{item.successor.title}</Link> : '—'}</dd>
                  {item.tags.length > 0 && (
                    <>
                      <dt>Tags</dt>
                      <dd>
                        {item.tags.map((t) => (
                          <span key={t} className="tag">
                            {t}
                          </span>
                        ))}
                      </dd>
                    </>
                  )}
                </dl>
                <div className="asset-actions">{expired ? <ExpiredNote expired={expired} /> : <DownloadButton item={item} onExpired={setExpiredNow} />}</div>
              </div>
            </article>
          );
        })()
      )}
    </section>
  );
}
