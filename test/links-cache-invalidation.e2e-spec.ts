import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { LinkService } from '@app/links';
import { loadBrandAndTemplates, makePartner, makeTier, makeUser, startAnotherInstance, startTestApp, TestApp } from '@app/testing';

const BROWSER = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36';

/** A launch row for links to hang on (a kit and a version just to satisfy its foreign keys). */
async function makeLaunch(t: TestApp, partnerId: string): Promise<string> {
  const [kit] = await t.db.query<{ id: string }[]>(`INSERT INTO kits (slug, category, status) VALUES ($1, 'demand-gen', 'published') RETURNING id`, [
    `kit-${randomBytes(3).toString('hex')}`,
  ]);
  const [version] = await t.db.query<{ id: string }[]>(`INSERT INTO kit_versions (kit_id, version, status, name) VALUES ($1, 1, 'draft', 'Kit') RETURNING id`, [kit!.id]);
  const [launch] = await t.db.query<{ id: string }[]>(`INSERT INTO launches (kit_id, kit_version_id, partner_id, mode) VALUES ($1, $2, $3, 'partner') RETURNING id`, [
    kit!.id,
    version!.id,
    partnerId,
  ]);
  return launch!.id;
}

describe('public pages: a change reaches every api process at once', () => {
  let t: TestApp;
  let other: NestFastifyApplication;

  beforeAll(async () => {
    // An hour of cache lifetime: far past this test's deadline, so only invalidation can make it pass.
    t = await startTestApp({ env: { PUBLIC_CACHE_TTL_SECONDS: '3600' } });
    other = await startAnotherInstance(t);
    await other.getHttpAdapter().getInstance().ready();
  });
  afterAll(async () => {
    await other?.close();
    await t?.close();
  });

  const where = async (server: () => request.Agent, code: string): Promise<string | undefined> =>
    (await server().get(`/l/${code}`).set('user-agent', BROWSER).expect(302)).headers.location;

  /** Notifications arrive asynchronously; waits for them, bounded by attempts rather than a duration. */
  const settle = async (server: () => request.Agent, code: string, expected: string): Promise<string | undefined> => {
    let location = await where(server, code);
    for (let attempt = 0; attempt < 100 && location !== expected; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      location = await where(server, code);
    }
    return location;
  };

  it("sends an ended launch's link to its fallback on both instances, and keeps its other links apart", async () => {
    const partner = await makePartner(t);
    const channelManager = await makeUser(t, 'channel_manager');
    const launchId = await makeLaunch(t, partner.id);
    const input = {
      partnerId: partner.id,
      assetKey: 'hero-email',
      medium: 'email' as const,
      destinationUrl: 'https://vendor.example/offer',
      partnerSlug: partner.slug,
      campaignSlug: 'spring-promo',
      fallbackUrl: 'https://vendor.example/ended',
    };
    const link = await t.get(LinkService).createLink({ ...input, launchId });
    const elsewhere = await t.get(LinkService).createLink({ ...input, launchId: await makeLaunch(t, partner.id) });
    const first = () => t.http();
    const second = () => request(other.getHttpServer());

    // Both processes now hold the live link in their cache.
    for (const server of [first, second]) {
      expect(await where(server, link.code)).toMatch(/^https:\/\/vendor\.example\/offer\?/);
      expect(await where(server, elsewhere.code)).toMatch(/^https:\/\/vendor\.example\/offer\?/);
    }

    await t.http().post(`/api/v1/launches/${launchId}/end`).set('authorization', channelManager.auth).expect(200);

    expect(await settle(first, link.code, 'https://vendor.example/ended')).toBe('https://vendor.example/ended');
    expect(await settle(second, link.code, 'https://vendor.example/ended')).toBe('https://vendor.example/ended');
    expect(await where(second, elsewhere.code)).toMatch(/^https:\/\/vendor\.example\/offer\?/);
  });

  it("shows a landing page's new partner profile, then its ended page, on both instances", async () => {
    const marketer = await makeUser(t, 'vendor_marketer');
    const templateIds = await loadBrandAndTemplates(t, marketer);
    const tier = await makeTier(t, { name: 'Gold' });
    const partner = await makePartner(t, { tierId: tier.id, name: 'Northwind IT' });
    const partnerAdmin = await makeUser(t, 'partner_admin', { partnerId: partner.id });
    const kit = await t
      .http()
      .post('/api/v1/kits')
      .set('authorization', marketer.auth)
      .send({
        slug: 'cached-landing',
        category: 'product-launch',
        name: 'Cached landing',
        templateIds: [templateIds['backup-5-trial']],
        destinations: [{ key: 'trial', url: 'https://www.acme-cloud.example/backup-5/trial', label: 'Free trial' }],
        eligibility: { tierIds: [tier.id] },
      })
      .expect(201);
    const kitId = (kit.body as { id: string }).id;
    await t.http().post(`/api/v1/kits/${kitId}/publish`).set('authorization', marketer.auth).expect(200);
    const address = `/p/${partner.slug}/cached-landing`;
    const first = () => t.http();
    const second = () => request(other.getHttpServer());

    // Before the launch both answer "not found"; the launch reaches both at once.
    for (const server of [first, second]) await server().get(address).expect(404);
    const launched = await t.http().post(`/api/v1/kits/${kitId}/launches`).set('authorization', partnerAdmin.auth).send({}).expect(201);
    const page = async (server: () => request.Agent, until: (res: request.Response) => boolean): Promise<request.Response> => {
      let res = await server().get(address);
      for (let attempt = 0; attempt < 100 && !until(res); attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        res = await server().get(address);
      }
      return res;
    };
    for (const server of [first, second]) {
      const live = await page(server, (res) => res.status === 200);
      expect(live.status).toBe(200);
      expect(live.text).toContain('Northwind IT');
    }

    // A new partner name: both render the page anew.
    await t.http().patch(`/api/v1/partners/${partner.id}`).set('authorization', partnerAdmin.auth).send({ name: 'Northwind Systems' }).expect(200);
    for (const server of [first, second]) {
      const renamed = await page(server, (res) => res.text.includes('Northwind Systems'));
      expect(renamed.status).toBe(200);
      expect(renamed.text).toContain('Northwind Systems');
    }

    // The launch ends: both show the polite ended page.
    await t.http().post(`/api/v1/launches/${(launched.body as { id: string }).id}/end`).set('authorization', partnerAdmin.auth).expect(200);
    for (const server of [first, second]) {
      const ended = await page(server, (res) => res.status === 410);
      expect(ended.status).toBe(410);
      expect(ended.text).toContain('This campaign has ended');
    }
  });
});
