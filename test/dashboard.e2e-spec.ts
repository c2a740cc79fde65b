import { randomUUID } from 'node:crypto';
import { ClickRecorder } from '@app/links';
import { FakeClock, loadBrandAndTemplates, makePartner, makeTier, makeUser, startTestApp, TestApp, TestUser } from '@app/testing';
import { approvedRequest, fundedProgram, uploadFile, vendorTeam, VendorTeam } from './mdf-world';

interface Dashboard {
  from: string;
  to: string;
  kits: { id: string; name: string }[];
  weeks: { week: string; startsOn: string; clicksRaw: number; clicksFiltered: number; leads: number; activePartners: number; partners: number; activePartnerRate: number | null }[];
  adoption: { tierId: string; eligible: number; launched: number; rate: number | null }[];
  funnel: { launches: number; partnersWithClicks: number; leads: number; registeredDeals: number; wonDeals: number };
  mdf: {
    currency: string | null;
    programs: { programId: string; allocatedCents: number; reservedCents: number; settledCents: number; paidCents: number; availableCents: number; wonCents: number; utilisationRate: number | null; returnPerMdfDollar: number | null }[];
    topPartners: { partnerId: string; settledCents: number; returnPerMdfDollar: number | null }[];
  };
  timeToFirstDeal: { buckets: { label: string; partners: number }[]; medianDays: number | null; withoutDeal: number; withoutDealPastGate: number };
}

const SAFARI = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15';
const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
const GOOGLEBOT = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';

/** The vendor dashboard over a small program: two partners, one launch, clicks (one a bot), a lead, a won deal and an MDF claim. */
describe('vendor dashboard', () => {
  let t: TestApp;
  let team: VendorTeam;
  let partnerAdmin: TestUser;
  let active: string;
  let idle: string;
  let goldTierId: string;
  let kitId: string;
  let otherKitId: string;

  beforeAll(async () => {
    // Wednesday of ISO week 2026-W47 (Monday 16 November).
    t = await startTestApp({ clock: new FakeClock('2026-11-18T09:00:00Z') });
    team = await vendorTeam(t);
    const gold = await makeTier(t, { name: 'Gold dashboard' });
    const silver = await makeTier(t, { name: 'Silver dashboard' });
    goldTierId = gold.id;
    // Signed 30 days before the deal below; the other gold partner signed long ago and never registered one.
    active = (await makePartner(t, { tierId: gold.id, signedAt: '2026-10-19', status: 'active' })).id;
    idle = (await makePartner(t, { tierId: gold.id, signedAt: '2026-08-01', status: 'active' })).id;
    await makePartner(t, { tierId: silver.id, signedAt: '2026-08-01', status: 'active' });
    partnerAdmin = await makeUser(t, 'partner_admin', { partnerId: active });

    const templateIds = await loadBrandAndTemplates(t, team.marketer);
    const publish = async (slug: string) => {
      const created = await t
        .http()
        .post('/api/v1/kits')
        .set('authorization', team.marketer.auth)
        .send({ slug, category: 'product-launch', name: `Kit ${slug}`, templateIds: [templateIds['backup-5-trial']], destinations: [{ key: 'trial', url: 'https://www.acme-cloud.example/backup-5/trial', label: 'Free trial' }], eligibility: { tierIds: [gold.id] } })
        .expect(201);
      const id = (created.body as { id: string }).id;
      await t.http().post(`/api/v1/kits/${id}/publish`).set('authorization', team.marketer.auth).expect(200);
      return id;
    };
    kitId = await publish('dashboard-kit');
    otherKitId = await publish('dashboard-quiet-kit');

    const launched = await t.http().post(`/api/v1/kits/${kitId}/launches`).set('authorization', partnerAdmin.auth).send({}).expect(201);
    const launchId = (launched.body as { id: string }).id;
    // The launch row takes its time from the database, not the application clock the rest follows.
    await t.db.query('UPDATE launches SET created_at = $2 WHERE id = $1', [launchId, t.clock.now()]);
    const detail = await t.http().get(`/api/v1/launches/${launchId}`).set('authorization', partnerAdmin.auth).expect(200);
    const link = new URL((detail.body as { links: { url: string }[] }).links[0]!.url).pathname;

    // The week before: one click by a person.
    t.clock.set('2026-11-11T10:00:00Z');
    await t.http().get(link).set('user-agent', FIREFOX).expect(302);
    await t.get(ClickRecorder).flush();
    // This week: two people and a crawler; one of them leaves their email on the landing page.
    t.clock.set('2026-11-18T09:00:00Z');
    const human = await t.http().get(link).set('user-agent', SAFARI).expect(302);
    await t.http().get(link).set('user-agent', FIREFOX).set('x-forwarded-for', '203.0.113.9').expect(302);
    await t.http().get(link).set('user-agent', GOOGLEBOT).expect(302);
    await t.get(ClickRecorder).flush();
    const cookie = (human.headers['set-cookie'] as unknown as string[])[0]!.split(';')[0]!;
    const slug = (await t.db.query<{ slug: string }[]>('SELECT slug FROM partners WHERE id = $1', [active]))[0]!.slug;
    await t.http().post(`/p/${slug}/dashboard-kit/lead`).set('cookie', cookie).type('form').send({ email: 'dana@customer.example' }).expect(200);
    const lead = (await t.db.query<{ id: string }[]>('SELECT id FROM leads WHERE launch_id = $1', [launchId]))[0]!.id;

    // The lead becomes a registered deal, approved and won.
    const deal = await t
      .http()
      .post('/api/v1/deals')
      .set('authorization', partnerAdmin.auth)
      .send({ customerCompany: 'Customer Example Ltd', customerDomain: 'customer.example', amountCents: 100_000, currency: 'USD', sourceLeadId: lead })
      .expect(201);
    const dealId = (deal.body as { id: string }).id;
    await t.http().post(`/api/v1/deals/${dealId}/approve`).set('authorization', team.manager.auth).send({}).expect(200);
    await t.http().post(`/api/v1/deals/${dealId}/won`).set('authorization', partnerAdmin.auth).send({ finalAmountCents: 120_000 }).expect(200);

    // MDF: both gold partners get 100 000; the active one runs a 40 000 activity, claims it with the deal, 20 000 approved.
    const programId = await fundedProgram(t, team.admin, [{ tierId: gold.id, amountCents: 100_000 }], [active, idle]);
    const requestId = await approvedRequest(t, partnerAdmin, team.manager, programId, { requestedCents: 40_000 });
    const fileId = await uploadFile(t, partnerAdmin, requestId);
    const claim = await t.http().post('/api/v1/mdf/claims').set('authorization', partnerAdmin.auth).set('idempotency-key', randomUUID()).send({ requestId, actualSpendCents: 40_000, fileIds: [fileId], dealIds: [dealId] }).expect(201);
    await t.http().post(`/api/v1/mdf/claims/${(claim.body as { id: string }).id}/approve`).set('authorization', team.finance.auth).send({ amountCents: 20_000 }).expect(200);
  });
  afterAll(() => t.close());

  async function dashboard(user: TestUser, query: Record<string, string> = {}): Promise<Dashboard> {
    return (await t.http().get('/api/v1/dashboard').query(query).set('authorization', user.auth).expect(200)).body as Dashboard;
  }

  it('shows the last 12 ISO weeks with raw and filtered clicks and leads per week', async () => {
    const body = await dashboard(team.marketer);
    expect(body).toMatchObject({ from: '2026-08-31', to: '2026-11-18' });
    expect(body.weeks).toHaveLength(12);
    expect(body.weeks[11]).toMatchObject({ week: '2026-W47', startsOn: '2026-11-16', clicksRaw: 3, clicksFiltered: 2, leads: 1 });
    expect(body.weeks[10]).toMatchObject({ week: '2026-W46', clicksRaw: 1, clicksFiltered: 1, leads: 0 });
    expect(body.weeks.slice(0, 10).every((w) => w.clicksRaw === 0 && w.leads === 0)).toBe(true);
    expect(body.kits.map((k) => k.name)).toEqual(['Kit dashboard-kit', 'Kit dashboard-quiet-kit']);
  });

  it('counts the funnel from launches to won deals, and adoption of the gold tier', async () => {
    const body = await dashboard(team.admin);
    expect(body.funnel).toEqual({ launches: 1, partnersWithClicks: 1, leads: 1, registeredDeals: 1, wonDeals: 1 });
    // Two gold partners may launch a published kit; one did. Silver is offered none.
    expect(body.adoption.find((a) => a.tierId === goldTierId)).toMatchObject({ eligible: 2, launched: 1, rate: 0.5 });
  });

  it('narrows the series, funnel and adoption to one kit', async () => {
    const quiet = await dashboard(team.manager, { kitId: otherKitId });
    expect(quiet.weeks[11]).toMatchObject({ clicksRaw: 0, clicksFiltered: 0, leads: 0 });
    expect(quiet.funnel).toEqual({ launches: 0, partnersWithClicks: 0, leads: 0, registeredDeals: 0, wonDeals: 0 });
    expect(quiet.adoption.find((a) => a.tierId === goldTierId)).toMatchObject({ eligible: 2, launched: 0 });
    const kit = await dashboard(team.manager, { kitId, from: '2026-11-16', to: '2026-11-22' });
    expect(kit.weeks).toEqual([expect.objectContaining({ week: '2026-W47', clicksRaw: 3, clicksFiltered: 2, leads: 1 })]);
    expect(kit.funnel).toMatchObject({ launches: 1, leads: 1, registeredDeals: 1, wonDeals: 1 });
  });

  it('reports MDF utilisation and return per program and partner', async () => {
    const { mdf } = await dashboard(team.finance);
    expect(mdf.currency).toBe('USD');
    expect(mdf.programs).toHaveLength(1);
    expect(mdf.programs[0]).toMatchObject({ allocatedCents: 200_000, reservedCents: 0, settledCents: 20_000, paidCents: 0, availableCents: 180_000, wonCents: 120_000, utilisationRate: 0.1, returnPerMdfDollar: 6 });
    expect(mdf.topPartners[0]).toMatchObject({ partnerId: active, settledCents: 20_000, returnPerMdfDollar: 6 });
  });

  it('puts each signed partner in a time-to-first-deal bucket, and counts the active partner rate per week', async () => {
    const body = await dashboard(team.marketer);
    const bucket = (label: string) => body.timeToFirstDeal.buckets.find((b) => b.label === label)?.partners;
    expect(bucket('15–30 days')).toBe(1);
    expect(body.timeToFirstDeal).toMatchObject({ medianDays: 30, withoutDeal: 2, withoutDealPastGate: 2 });
    // This week the partner that launched, was clicked, got a lead and registered a deal is one of three active partners.
    expect(body.weeks[11]).toMatchObject({ activePartners: 1, partners: 3, activePartnerRate: 0.3333 });
    expect(body.weeks[10]).toMatchObject({ activePartners: 1, partners: 3 });
  });

  it('refuses partners, bad ranges and unknown kits', async () => {
    const refused = await t.http().get('/api/v1/dashboard').set('authorization', partnerAdmin.auth).expect(403);
    expect(refused.body).toMatchObject({ statusCode: 403 });
    const reversed = await t.http().get('/api/v1/dashboard').query({ from: '2026-11-20', to: '2026-11-01' }).set('authorization', team.marketer.auth).expect(400);
    expect(reversed.body).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [expect.objectContaining({ field: 'from' })] } });
    await t.http().get('/api/v1/dashboard').query({ from: '17 November' }).set('authorization', team.marketer.auth).expect(400);
    await t.http().get('/api/v1/dashboard').query({ kitId: randomUUID() }).set('authorization', team.marketer.auth).expect(404);
  });
});
