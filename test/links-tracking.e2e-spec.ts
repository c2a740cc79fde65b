import { randomBytes } from 'node:crypto';
import { ClickRecorder, CreateLinkInput, LinkService, LinkStatsService, OpenTrackingService } from '@app/links';
import { PartnerEntity } from '@app/partners';
import { makePartner, makeUser, startTestApp, TestApp } from '@app/testing';

const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:131.0) Gecko/20100101 Firefox/131.0';

async function makeLaunch(t: TestApp, partnerId: string): Promise<string> {
  const [kit] = await t.db.query<{ id: string }[]>(`INSERT INTO kits (slug, category) VALUES ($1, 'demand-gen') RETURNING id`, [`kit-${randomBytes(3).toString('hex')}`]);
  const [version] = await t.db.query<{ id: string }[]>(`INSERT INTO kit_versions (kit_id, version, status, name) VALUES ($1, 1, 'draft', 'Kit') RETURNING id`, [kit!.id]);
  const [launch] = await t.db.query<{ id: string }[]>(`INSERT INTO launches (kit_id, kit_version_id, partner_id, mode) VALUES ($1, $2, $3, 'partner') RETURNING id`, [
    kit!.id,
    version!.id,
    partnerId,
  ]);
  return launch!.id;
}

describe('trackable links: click flags, reports and opens', () => {
  let t: TestApp;
  let links: LinkService;
  let partner: PartnerEntity;

  beforeAll(async () => {
    t = await startTestApp();
    links = t.get(LinkService);
    partner = await makePartner(t);
  });
  afterAll(async () => t?.close());

  const create = async (overrides: Partial<CreateLinkInput> = {}) =>
    links.createLink({
      partnerId: overrides.partnerId ?? partner.id,
      launchId: await makeLaunch(t, overrides.partnerId ?? partner.id),
      assetKey: 'banner-1',
      medium: 'banner',
      destinationUrl: 'https://vendor.example/offer',
      partnerSlug: partner.slug,
      campaignSlug: 'spring-promo',
      fallbackUrl: null,
      ...overrides,
    });

  const clicks = async (linkId: string) => {
    await t.get(ClickRecorder).flush();
    return t.db.query<{ bot: boolean; scanner: boolean; is_unique: boolean; ua_family: string; referrer_host: string | null; country: string | null }[]>(
      `SELECT bot, scanner, is_unique, ua_family, referrer_host, country FROM link_clicks WHERE link_id = $1 ORDER BY seq`,
      [linkId],
    );
  };

  it('flags bot user agents, empty ones, HEAD requests and prefetches as bots', async () => {
    const link = await create();
    await t.http().get(`/l/${link.code}`).set('user-agent', 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)').expect(302);
    await t.http().get(`/l/${link.code}`).set('user-agent', '').expect(302);
    await t.http().head(`/l/${link.code}`).set('user-agent', FIREFOX).expect(302);
    await t.http().get(`/l/${link.code}`).set('user-agent', FIREFOX).set('sec-purpose', 'prefetch').expect(302);
    await t.http().get(`/l/${link.code}`).set('user-agent', FIREFOX).set('purpose', 'prefetch').expect(302);
    await t.http().get(`/l/${link.code}`).set('user-agent', FIREFOX).set('x-moz', 'prefetch').expect(302);
    await t.http().get(`/l/${link.code}`).set('user-agent', FIREFOX).set('referer', 'https://mail.example.com/inbox?id=1').set('cf-ipcountry', 'de').expect(302);
    const rows = await clicks(link.id);
    expect(rows.map((r) => r.bot)).toEqual([true, true, true, true, true, true, false]);
    expect(rows[0]!.ua_family).toBe('Googlebot');
    expect(rows[6]).toMatchObject({ ua_family: 'Firefox', referrer_host: 'mail.example.com', country: 'DE', is_unique: true });
    expect(rows.slice(0, 6).every((r) => !r.is_unique)).toBe(true);
  });

  it('flags known mail scanners, and a burst over three links of one launch from one visitor', async () => {
    const scanned = await create();
    await t.http().get(`/l/${scanned.code}`).set('user-agent', 'Mozilla/5.0 Microsoft Office Protection SafeLinks').expect(302);
    expect((await clicks(scanned.id))[0]).toMatchObject({ scanner: true, is_unique: false });

    const launchId = await makeLaunch(t, partner.id);
    const burst = [await create({ launchId }), await create({ launchId }), await create({ launchId })];
    for (const link of burst) {
      await t.http().get(`/l/${link.code}`).set('user-agent', FIREFOX).expect(302);
      t.clock.advance(500);
      // Flushing between clicks: the earlier clicks are marked after they were written.
      await t.get(ClickRecorder).flush();
    }
    for (const link of burst) expect((await clicks(link.id))[0]).toMatchObject({ scanner: true, is_unique: false });

    // The same three clicks spread over minutes are a person reading.
    const slowLaunch = await makeLaunch(t, partner.id);
    const slow = [await create({ launchId: slowLaunch }), await create({ launchId: slowLaunch }), await create({ launchId: slowLaunch })];
    for (const link of slow) {
      await t.http().get(`/l/${link.code}`).set('user-agent', FIREFOX).expect(302);
      t.clock.advanceMinutes(1);
    }
    for (const link of slow) expect((await clicks(link.id))[0]).toMatchObject({ scanner: false, is_unique: true });
  });

  it('counts a visitor once per link per UTC day', async () => {
    const link = await create();
    t.clock.set('2026-11-10T22:00:00Z');
    await t.http().get(`/l/${link.code}`).set('user-agent', FIREFOX).expect(302);
    await t.http().get(`/l/${link.code}`).set('user-agent', FIREFOX).expect(302);
    await t.http().get(`/l/${link.code}`).set('user-agent', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15').expect(302);
    t.clock.set('2026-11-11T00:30:00Z');
    await t.http().get(`/l/${link.code}`).set('user-agent', FIREFOX).expect(302);
    expect((await clicks(link.id)).map((r) => [r.ua_family, r.is_unique])).toEqual([
      ['Firefox', true],
      ['Firefox', false],
      ['Safari', true],
      ['Firefox', true],
    ]);
  });

  it('reports raw, filtered and unique counts per link, launch and partner; partners see only their own', async () => {
    const other = await makePartner(t);
    const launchId = await makeLaunch(t, partner.id);
    const link = await create({ launchId });
    await t.http().get(`/l/${link.code}`).set('user-agent', FIREFOX).expect(302);
    await t.http().get(`/l/${link.code}`).set('user-agent', FIREFOX).expect(302);
    await t.http().get(`/l/${link.code}`).set('user-agent', 'curl/8.5.0').expect(302);
    await t.http().get(`/l/${link.code}`).set('user-agent', 'Mimecast URL Protect').expect(302);
    await t.get(ClickRecorder).flush();

    const expected = { raw: 4, filtered: 2, unique: 1, bots: 1, scanners: 1 };
    const owner = await makeUser(t, 'partner_admin', { partnerId: partner.id });
    const res = await t.http().get(`/api/v1/links/${link.id}/stats`).set('authorization', owner.auth).expect(200);
    expect(res.body).toMatchObject({ linkId: link.id, code: link.code, clicks: expected });

    const vendor = await makeUser(t, 'vendor_marketer');
    await t.http().get(`/api/v1/links/${link.id}/stats`).set('authorization', vendor.auth).expect(200);
    const stranger = await makeUser(t, 'partner_admin', { partnerId: other.id });
    const refused = await t.http().get(`/api/v1/links/${link.id}/stats`).set('authorization', stranger.auth).expect(404);
    expect(refused.body.code).toBe('NOT_FOUND');
    await t.http().get(`/api/v1/links/${link.id}/stats`).expect(401);

    const stats = t.get(LinkStatsService);
    const launch = await stats.forLaunch(launchId);
    expect(launch.clicks).toEqual(expected);
    expect(launch.links.map((l) => l.linkId)).toEqual([link.id]);
    expect((await stats.forLinks([link.id]))[0]!.clicks).toEqual(expected);
    expect((await stats.forPartner(other.id)).clicks.raw).toBe(0);
  });

  it('serves the open pixel and records an open for a genuine token only', async () => {
    const launchId = await makeLaunch(t, partner.id);
    const opens = t.get(OpenTrackingService);
    const url = new URL(opens.pixelUrl({ launchId, partnerId: partner.id, messageRef: 'msg-1' }));
    expect(url.pathname).toMatch(/^\/o\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    const res = await t.http().get(url.pathname).set('user-agent', FIREFOX).expect(200);
    expect(res.headers['content-type']).toBe('image/gif');
    expect(res.headers['cache-control']).toContain('no-store');
    expect((res.body as Buffer).subarray(0, 6).toString('latin1')).toBe('GIF89a');

    // Another partner's payload under this signature, and a tampered signature: same GIF, no open.
    const [payload, signature] = url.pathname.slice(3).split('.');
    const forged = opens.token({ launchId, partnerId: (await makePartner(t)).id, messageRef: 'msg-1' }).split('.')[0];
    await t.http().get(`/o/${forged}.${signature}`).expect(200);
    await t.http().get(`/o/${payload}.AAAA${signature!.slice(4)}`).expect(200);

    await t.get(ClickRecorder).flush();
    const rows = await t.db.query(`SELECT partner_id, message_ref, bot FROM link_opens WHERE launch_id = $1`, [launchId]);
    expect(rows).toEqual([{ partner_id: partner.id, message_ref: 'msg-1', bot: false }]);
    expect((await t.get(LinkStatsService).forLaunch(launchId)).opens).toEqual({ raw: 1, filtered: 1, approximate: true });
  });
});
