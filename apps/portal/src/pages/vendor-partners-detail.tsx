import { api, call } from '../api/client';
import { useUser } from '../auth';
import { formatDay } from '../mdf';
import { Link } from '../router';
import { Async, formatDateTime, StatusBadge, useLoad } from '../ui';
import { CONCIERGE_ROLES, LaunchOnBehalf } from '../vendor-partners-detail/concierge';
import { Deals, Launches, Mdf, type Partner, Users } from '../vendor-partners-detail/partner-sections';
import { useTitle } from './title';
import { LastActivity, TimeToFirstDeal } from './vendor-partners';

export function VendorPartnerPage({ params }: { params: Record<string, string> }) {
  const id = params.id!;
  const partner = useLoad(async () => {
    const [p, tiers] = await Promise.all([call(api.GET('/api/v1/partners/{id}', { params: { path: { id } } })), call(api.GET('/api/v1/tiers'))]);
    return { partner: p, tierName: tiers.find((t) => t.id === p.tierId)?.name ?? '—' };
  }, [id]);
  useTitle(partner.data?.partner.name ?? 'Partner');
  return (
    <section className="page">
      <p className="breadcrumb">
        <Link to="/vendor/partners">Partners</Link>
      </p>
      <Async state={partner}>{({ partner: p, tierName }) => <PartnerDetail partner={p} tierName={tierName} />}</Async>
    </section>
  );
}

function PartnerDetail({ partner, tierName }: { partner: Partner; tierName: string }) {
  const user = useUser();
  const figures = useLoad(() => call(api.GET('/api/v1/reporting/partners/{id}', { params: { path: { id: partner.id } } })), [partner.id]);
  const logo = useLoad(() => (partner.logo ? call(api.GET('/api/v1/partners/{id}/logo', { params: { path: { id: partner.id } } })).catch(() => null) : Promise.resolve(null)), [partner.id]);
  return (
    <>
      <header className="page-header">
        <h1>{partner.name}</h1>
        <p className="muted">
          <StatusBadge status={partner.status} /> {tierName} · {partner.region}
        </p>
      </header>
      <div className="claim-layout">
        <div>
          {CONCIERGE_ROLES.includes(user.role) && <LaunchOnBehalf partner={partner} />}
          <Deals partner={partner} />
          <Launches partner={partner} />
          <Mdf partner={partner} />
          <Users partner={partner} />
        </div>
        <aside className="claim-side">
          <section className="card" aria-labelledby="profile-title">
            <h2 id="profile-title">Profile</h2>
            {logo.data?.url && <img src={logo.data.url} alt={`${partner.name} logo`} className="thumb large" />}
            <dl className="facts">
              <dt>Slug</dt>
              <dd>
                <code>{partner.slug}</code>
              </dd>
              <dt>Website</dt>
              <dd>{partner.website ? <a href={partner.website}>{partner.website}</a> : '—'}</dd>
              <dt>Phone</dt>
              <dd>{partner.phone ?? '—'}</dd>
              <dt>Address</dt>
              <dd className="pre-line">{partner.address ?? '—'}</dd>
              <dt>Time zone</dt>
              <dd>{partner.timeZone}</dd>
              <dt>Brand colour</dt>
              <dd>{partner.brandColour ?? '—'}</dd>
              <dt>Signed</dt>
              <dd>{formatDay(partner.signedAt)}</dd>
              <dt>Profile updated</dt>
              <dd>{formatDateTime(partner.updatedAt)}</dd>
            </dl>
          </section>
          <section className="card" aria-labelledby="activation-title">
            <h2 id="activation-title">Activation</h2>
            <Async state={figures}>
              {(f) => (
                <dl className="facts">
                  <dt>Time to first deal</dt>
                  <dd data-testid="partner-ttfd">
                    <TimeToFirstDeal partner={f} />
                  </dd>
                  <dt>First deal</dt>
                  <dd>{formatDateTime(f.firstDealAt)}</dd>
                  <dt>Deals registered</dt>
                  <dd>{f.deals}</dd>
                  <dt>Live launches</dt>
                  <dd>{f.liveLaunches}</dd>
                  <dt>Last activity</dt>
                  <dd data-testid="partner-last-activity">
                    <LastActivity partner={f} />
                  </dd>
                </dl>
              )}
            </Async>
          </section>
        </aside>
      </div>
    </>
  );
}
