import { randomBytes } from 'node:crypto';
import { ValidationFailedError } from '@app/core';
import { ClickRecorder, CreateLinkInput, LinkService } from '@app/links';
import { PartnerEntity } from '@app/partners';
import { makePartner, startTestApp, TestApp } from '@app/testing';

const BROWSER = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36';

/** A launch row for links to hang on (a kit and a version just to satisfy its foreign keys). */
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

describe('trackable links: the redirect', () => {
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
      partnerId: partner.id,
      launchId: await makeLaunch(t, partner.id),
      assetKey: 'hero-email',
      medium: 'email',
      destinationUrl: 'https://vendor.example/offer?utm_source=newsletter&x=1',
      partnerSlug: partner.slug,
      campaignSlug: 'spring-promo',
      fallbackUrl: 'https://vendor.example/ended',
      ...overrides,
    });

  it('redirects with UTM parameters merged, keeping the ones the destination already has', async () => {
    const link = await create();
    expect(link.url).toBe(`${t.config.publicUrl}/l/${link.code}`);
    expect(link.code).toMatch(/^[0-9A-Za-z]{10}$/);
    const res = await t.http().get(`/l/${link.code}`).set('user-agent', BROWSER).expect(302);
    const location = new URL(res.headers.location as string);
    expect(location.origin + location.pathname).toBe('https://vendor.example/offer');
    expect(location.searchParams.get('utm_source')).toBe('newsletter');
    expect(location.searchParams.get('utm_medium')).toBe('email');
    expect(location.searchParams.get('utm_campaign')).toBe('spring-promo');
    expect(location.searchParams.get('utm_content')).toBe('hero-email');
    expect(location.searchParams.get('x')).toBe('1');
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/ck_cid=[0-9a-f-]{36}; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax/);
    // Never cached (each click counts), traceable like every answer, and with no body.
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers['content-length']).toBe('0');

    await t.get(ClickRecorder).flush();
    const clickId = /ck_cid=([0-9a-f-]{36})/.exec(cookie)![1];
    const rows = await t.db.query(`SELECT link_id, partner_id, asset_key, ua_family, ip_hash, bot, scanner FROM link_clicks WHERE click_id = $1`, [clickId]);
    expect(rows).toEqual([{ link_id: link.id, partner_id: partner.id, asset_key: 'hero-email', ua_family: 'Chrome', ip_hash: expect.any(String), bot: false, scanner: false }]);
    expect(rows[0].ip_hash).not.toContain('127.0.0.1');
  });

  it('overrides existing UTM values when the link says so', async () => {
    const link = await create({ overrideUtm: true, medium: 'social' });
    const res = await t.http().get(`/l/${link.code}`).set('user-agent', BROWSER).expect(302);
    const location = new URL(res.headers.location as string);
    expect(location.searchParams.get('utm_source')).toBe(partner.slug);
    expect(location.searchParams.get('utm_medium')).toBe('social');
  });

  it('never lets the request choose where the link goes', async () => {
    const link = await create({ destinationUrl: 'https://vendor.example/offer' });
    for (const query of ['?url=https://evil.example', '?redirect=%2F%2Fevil.example', '?utm_source=x&next=//evil.example', '?destinationUrl=https%3A%2F%2Fevil.example']) {
      const res = await t.http().get(`/l/${link.code}${query}`).set('user-agent', BROWSER).expect(302);
      const location = new URL(res.headers.location as string);
      expect(location.host).toBe('vendor.example');
      expect(location.pathname).toBe('/offer');
      expect(res.headers.location).not.toContain('evil');
    }
    for (const path of [`/l/${link.code}%2F%2Fevil.example`, `/l/%2F%2Fevil.example`, `/l/${link.code}%3Furl%3Dhttps%3A%2F%2Fevil.example`, `/l/${link.code}/..%2F%2Fevil.example`]) {
      const res = await t.http().get(path).set('user-agent', BROWSER);
      expect(res.status).toBe(404);
      expect(res.headers.location).toBeUndefined();
    }
  });

  it('refuses destinations that are not absolute http(s) URLs, naming destinationUrl', async () => {
    for (const destinationUrl of ['javascript:alert(1)', '//evil.example/x', '/relative', 'ftp://vendor.example/file', 'https://user:pw@vendor.example/']) {
      const error = await create({ destinationUrl }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationFailedError);
      expect((error as ValidationFailedError).statusCode).toBe(422);
      expect((error as ValidationFailedError).fields[0]!.field).toBe('destinationUrl');
    }
  });

  it('answers an HTML 404 for an unknown code', async () => {
    const res = await t.http().get('/l/Zz9Zz9Zz9Zz9').set('user-agent', BROWSER).expect(404);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('Link not found');
  });

  it('sends links of an ended launch to their fallback, or to a "campaign ended" page, and back after resume', async () => {
    const launchId = await makeLaunch(t, partner.id);
    const withFallback = await create({ launchId });
    const without = await create({ launchId, fallbackUrl: null });
    await t.http().get(`/l/${withFallback.code}`).set('user-agent', BROWSER).expect(302); // now cached
    await links.endLinksOfLaunch(launchId);
    const ended = await t.http().get(`/l/${withFallback.code}`).set('user-agent', BROWSER).expect(302);
    expect(ended.headers.location).toBe('https://vendor.example/ended');
    const page = await t.http().get(`/l/${without.code}`).set('user-agent', BROWSER).expect(410);
    expect(page.text).toContain('This campaign has ended');
    await links.resumeLinksOfLaunch(launchId);
    const resumed = await t.http().get(`/l/${withFallback.code}`).set('user-agent', BROWSER).expect(302);
    expect(resumed.headers.location).toMatch(/^https:\/\/vendor\.example\/offer\?/);
  });

  it('sends an expired link to its fallback', async () => {
    const link = await create({ expiresAt: new Date(t.clock.now().getTime() + 60_000) });
    await t.http().get(`/l/${link.code}`).set('user-agent', BROWSER).expect(302);
    t.clock.advanceMinutes(2);
    const res = await t.http().get(`/l/${link.code}`).set('user-agent', BROWSER).expect(302);
    expect(res.headers.location).toBe('https://vendor.example/ended');
  });

  it('records every click of a burst of 500 once flushed', async () => {
    const link = await create();
    const send = () => t.http().get(`/l/${link.code}`).set('user-agent', BROWSER).expect(302);
    for (let i = 0; i < 10; i++) await Promise.all(Array.from({ length: 50 }, send));
    await t.get(ClickRecorder).flush();
    const [row] = await t.db.query<{ n: string }[]>(`SELECT count(*) AS n FROM link_clicks WHERE link_id = $1`, [link.id]);
    expect(Number(row!.n)).toBe(500);
  });
});
