import { AuthService } from '@app/core';
import { ClickRecorder } from '@app/links';
import { FakeClock, loadBrandAndTemplates, makePartner, makeTier, makeUser, publishedKit, startTestApp, TestApp, TestUser } from '@app/testing';

interface PartnerRow {
  id: string;
  name: string;
  tier: { id: string; name: string };
  region: string;
  status: string;
  signedAt: string | null;
  firstDealAt: string | null;
  timeToFirstDealDays: number | null;
  lastActivityAt: string | null;
  lastActivity: string | null;
  liveLaunches: number;
  deals: number;
}

interface PartnerPage {
  items: PartnerRow[];
  nextCursor: string | null;
  total: number;
}

const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
const GOOGLEBOT = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';

/**
 * The vendor's partners list: four partners in two tiers. Alder registers its first deal 12 days
 * after signing, launches a kit and gets clicks; Birch needs 50 days and signs in last; Cedar has
 * done nothing since signing; Dogwood is a prospect.
 */
describe('partners list with time to first deal and last activity', () => {
  let t: TestApp;
  let marketer: TestUser;
  let manager: TestUser;
  let alderAdmin: TestUser;
  let birchAdmin: TestUser;
  let goldId: string;
  const ids: Record<'alder' | 'birch' | 'cedar' | 'dogwood', string> = { alder: '', birch: '', cedar: '', dogwood: '' };

  /** A fresh session at the fake clock's time (sessions last a day at most). */
  const auth = async (user: TestUser) => `Bearer ${(await t.get(AuthService).issueSession(user.user.id)).token}`;

  async function registerDeal(admin: TestUser, at: string, domain: string): Promise<void> {
    t.clock.set(at);
    await t
      .http()
      .post('/api/v1/deals')
      .set('authorization', await auth(admin))
      .send({ customerCompany: `Customer ${domain}`, customerDomain: domain, amountCents: 50_000, currency: 'USD' })
      .expect(201);
  }

  beforeAll(async () => {
    t = await startTestApp({ clock: new FakeClock('2026-09-01T08:00:00Z'), env: { SESSION_TTL_MINUTES: '1440' } });
    marketer = await makeUser(t, 'vendor_marketer');
    manager = await makeUser(t, 'channel_manager');
    const gold = await makeTier(t, { name: 'Gold' });
    const silver = await makeTier(t, { name: 'Silver' });
    goldId = gold.id;
    ids.alder = (await makePartner(t, { name: 'Alder Networks', tierId: gold.id, region: 'EMEA', signedAt: '2026-10-01', status: 'active' })).id;
    ids.birch = (await makePartner(t, { name: 'Birch Systems', tierId: silver.id, region: 'NA', signedAt: '2026-09-01', status: 'active' })).id;
    ids.cedar = (await makePartner(t, { name: 'Cedar Solutions', tierId: gold.id, region: 'NA', signedAt: '2026-08-01', status: 'active' })).id;
    ids.dogwood = (await makePartner(t, { name: 'Dogwood IT', tierId: gold.id, region: 'APAC', status: 'prospect' })).id;
    alderAdmin = await makeUser(t, 'partner_admin', { partnerId: ids.alder });
    birchAdmin = await makeUser(t, 'partner_admin', { partnerId: ids.birch });

    // Alder: first deal 12 days and 15 hours after signing, a second one later.
    await registerDeal(alderAdmin, '2026-10-13T15:00:00Z', 'first.example');
    await registerDeal(alderAdmin, '2026-11-05T10:00:00Z', 'second.example');
    // Birch: its first deal 50 days after signing.
    await registerDeal(birchAdmin, '2026-10-21T09:00:00Z', 'birch-deal.example');

    // Alder launches a kit on 10 November; a person clicks on the 16th, a crawler on the 17th.
    t.clock.set('2026-11-10T12:00:00Z');
    marketer = { ...marketer, auth: await auth(marketer) };
    const templateIds = await loadBrandAndTemplates(t, marketer);
    const kitId = await publishedKit(t, marketer, gold.id, templateIds, 'metrics-kit');
    const launched = await t.http().post(`/api/v1/kits/${kitId}/launches`).set('authorization', await auth(alderAdmin)).send({}).expect(201);
    const launchId = (launched.body as { id: string }).id;
    // The launch row takes its time from the database, not the application clock.
    await t.db.query('UPDATE launches SET created_at = $2 WHERE id = $1', [launchId, t.clock.now()]);
    const detail = await t.http().get(`/api/v1/launches/${launchId}`).set('authorization', await auth(alderAdmin)).expect(200);
    const link = new URL((detail.body as { links: { url: string }[] }).links[0]!.url).pathname;
    t.clock.set('2026-11-16T14:30:00Z');
    await t.http().get(link).set('user-agent', FIREFOX).expect(302);
    await t.get(ClickRecorder).flush();
    t.clock.set('2026-11-17T08:00:00Z');
    await t.http().get(link).set('user-agent', GOOGLEBOT).expect(302);
    await t.get(ClickRecorder).flush();

    // Birch's admin signs in on the 17th.
    t.clock.set('2026-11-17T18:45:00Z');
    await t.http().post('/api/v1/auth/login').send({ email: birchAdmin.user.email, password: birchAdmin.password }).expect(200);

    t.clock.set('2026-11-18T09:00:00Z');
    manager = { ...manager, auth: await auth(manager) };
  }, 120_000);
  afterAll(() => t.close());

  async function list(query: Record<string, string | number> = {}, user: TestUser = manager): Promise<PartnerPage> {
    return (await t.http().get('/api/v1/reporting/partners').query(query).set('authorization', user.auth).expect(200)).body as PartnerPage;
  }

  it('answers each partner’s tier, status, signing day, time to first deal, last activity, live launches and deals', async () => {
    const page = await list();
    expect(page.total).toBe(4);
    expect(page.nextCursor).toBeNull();
    expect(page.items.map((p) => p.name)).toEqual(['Alder Networks', 'Birch Systems', 'Cedar Solutions', 'Dogwood IT']);
    const [alder, birch, cedar, dogwood] = page.items;
    expect(alder).toEqual({
      id: ids.alder,
      name: 'Alder Networks',
      tier: { id: goldId, name: 'Gold' },
      region: 'EMEA',
      status: 'active',
      signedAt: '2026-10-01',
      firstDealAt: '2026-10-13T15:00:00.000Z',
      timeToFirstDealDays: 12,
      // The crawler's later click does not count.
      lastActivityAt: '2026-11-16T14:30:00.000Z',
      lastActivity: 'click',
      liveLaunches: 1,
      deals: 2,
    });
    expect(birch).toMatchObject({ tier: { name: 'Silver' }, signedAt: '2026-09-01', timeToFirstDealDays: 50, lastActivityAt: '2026-11-17T18:45:00.000Z', lastActivity: 'sign_in', liveLaunches: 0, deals: 1 });
    expect(cedar).toMatchObject({ signedAt: '2026-08-01', firstDealAt: null, timeToFirstDealDays: null, lastActivityAt: null, lastActivity: null, liveLaunches: 0, deals: 0 });
    expect(dogwood).toMatchObject({ status: 'prospect', signedAt: null, timeToFirstDealDays: null, lastActivity: null });

    // The detail page reads the same figures for one partner.
    const one = await t.http().get(`/api/v1/reporting/partners/${ids.alder}`).set('authorization', manager.auth).expect(200);
    expect(one.body).toEqual(alder);
    await t.http().get('/api/v1/reporting/partners/00000000-0000-4000-8000-000000000000').set('authorization', manager.auth).expect(404);
  });

  it('moves last activity on when the partner does something newer, and live launches down when one ends', async () => {
    t.clock.set('2026-11-18T10:00:00Z');
    const launch = (await t.db.query<{ id: string }[]>(`SELECT id FROM launches WHERE partner_id = $1`, [ids.alder]))[0]!;
    await t.http().post(`/api/v1/launches/${launch.id}/end`).set('authorization', await auth(alderAdmin)).expect(200);
    await registerDeal(alderAdmin, '2026-11-18T11:00:00Z', 'third.example');
    const alder = (await list({ q: 'alder' })).items[0]!;
    expect(alder).toMatchObject({ lastActivity: 'deal', lastActivityAt: '2026-11-18T11:00:00.000Z', liveLaunches: 0, deals: 3, timeToFirstDealDays: 12 });
    t.clock.set('2026-11-18T12:00:00Z');
  });

  it('sorts by last activity or time to first deal, the partners without one last', async () => {
    expect((await list({ sort: 'lastActivity' })).items.map((p) => p.name)).toEqual(['Alder Networks', 'Birch Systems', 'Cedar Solutions', 'Dogwood IT']);
    expect((await list({ sort: 'timeToFirstDeal' })).items.map((p) => [p.name, p.timeToFirstDealDays])).toEqual([
      ['Alder Networks', 12],
      ['Birch Systems', 50],
      ['Cedar Solutions', null],
      ['Dogwood IT', null],
    ]);
    // Birch signs in again: now it is the most recent.
    t.clock.set('2026-11-18T13:00:00Z');
    await t.http().post('/api/v1/auth/login').send({ email: birchAdmin.user.email, password: birchAdmin.password }).expect(200);
    expect((await list({ sort: 'lastActivity' })).items.map((p) => p.name)).toEqual(['Birch Systems', 'Alder Networks', 'Cedar Solutions', 'Dogwood IT']);
  });

  it('searches by name and filters by tier, status and region', async () => {
    expect((await list({ q: 'SYST' })).items.map((p) => p.name)).toEqual(['Birch Systems']);
    const gold = await list({ tierId: goldId });
    expect(gold.items.map((p) => p.name)).toEqual(['Alder Networks', 'Cedar Solutions', 'Dogwood IT']);
    expect(gold.total).toBe(3);
    expect((await list({ status: 'prospect' })).items.map((p) => p.name)).toEqual(['Dogwood IT']);
    expect((await list({ tierId: goldId, region: 'NA' })).items.map((p) => p.name)).toEqual(['Cedar Solutions']);
    // LIKE wildcards are searched for literally.
    expect(await list({ q: '%' })).toMatchObject({ items: [], total: 0 });
  });

  it('pages through a sort with a cursor, and refuses bad parameters naming them', async () => {
    const first = await list({ sort: 'timeToFirstDeal', limit: 3 });
    expect(first.items.map((p) => p.name)).toEqual(['Alder Networks', 'Birch Systems', 'Cedar Solutions']);
    expect(first.total).toBe(4);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await list({ sort: 'timeToFirstDeal', limit: 3, cursor: first.nextCursor! });
    expect(second.items.map((p) => p.name)).toEqual(['Dogwood IT']);
    expect(second).toMatchObject({ nextCursor: null, total: 4 });

    const byActivity = await list({ sort: 'lastActivity', limit: 1 });
    const next = await list({ sort: 'lastActivity', limit: 1, cursor: byActivity.nextCursor! });
    expect([...byActivity.items, ...next.items].map((p) => p.name)).toEqual(['Birch Systems', 'Alder Networks']);

    const wrongSort = await t.http().get('/api/v1/reporting/partners').query({ sort: 'name', cursor: first.nextCursor! }).set('authorization', manager.auth).expect(400);
    expect(wrongSort.body.details.fields).toEqual([{ field: 'cursor', problems: [expect.any(String)] }]);
    const bad = await t.http().get('/api/v1/reporting/partners').query({ sort: 'revenue', status: 'sleeping', tierId: 'gold' }).set('authorization', manager.auth).expect(400);
    expect((bad.body.details.fields as { field: string }[]).map((f) => f.field).sort()).toEqual(['sort', 'status', 'tierId']);
  });

  it('is for the vendor team only', async () => {
    const partner = await auth(alderAdmin);
    const refused = await t.http().get('/api/v1/reporting/partners').set('authorization', partner).expect(403);
    expect(refused.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
    await t.http().get(`/api/v1/reporting/partners/${ids.alder}`).set('authorization', partner).expect(403);
    const finance = await makeUser(t, 'finance');
    expect((await list({}, finance)).total).toBe(4);
    await t.http().get('/api/v1/reporting/partners').expect(401);
  });
});
