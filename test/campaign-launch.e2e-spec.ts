import { LaunchService } from '@app/campaigns';
import { ClickRecorder } from '@app/links';
import { loadBrandAndTemplates, makePartner, makeTier, makeUser, startTestApp, TestApp, TestUser } from '@app/testing';

describe('campaign kits: catalog and launch', () => {
  let t: TestApp;
  let marketer: TestUser;
  let channel: TestUser;
  let goldAdmin: TestUser;
  let silverAdmin: TestUser;
  let goldPartnerId: string;
  let goldTierId: string;
  const templateIds: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    marketer = await makeUser(t, 'vendor_marketer');
    channel = await makeUser(t, 'channel_manager');
    const gold = await makeTier(t, { name: 'Gold' });
    const silver = await makeTier(t, { name: 'Silver' });
    goldTierId = gold.id;
    const goldPartner = await makePartner(t, { tierId: gold.id, region: 'EMEA' });
    goldPartnerId = goldPartner.id;
    const silverPartner = await makePartner(t, { tierId: silver.id, region: 'EMEA' });
    goldAdmin = await makeUser(t, 'partner_admin', { partnerId: goldPartner.id });
    silverAdmin = await makeUser(t, 'partner_admin', { partnerId: silverPartner.id });
    Object.assign(templateIds, await loadBrandAndTemplates(t, marketer));
  });
  afterAll(() => t.close());

  async function publishedKit(slug: string, overrides: Record<string, unknown> = {}): Promise<string> {
    const created = await t
      .http()
      .post('/api/v1/kits')
      .set('authorization', marketer.auth)
      .send({
        slug,
        category: 'product-launch',
        name: `Kit ${slug}`,
        templateIds: [templateIds['product-launch'], templateIds['social-banner-1200x628']],
        destinations: [{ key: 'trial', url: 'https://www.acme-cloud.example/backup-5/trial', label: 'Free trial' }],
        eligibility: { tierIds: [goldTierId] },
        ...overrides,
      })
      .expect(201);
    const id = (created.body as { id: string }).id;
    await t.http().post(`/api/v1/kits/${id}/publish`).set('authorization', marketer.auth).expect(200);
    return id;
  }

  it('shows an eligible partner the kit and hides it (404) from an ineligible one', async () => {
    const kitId = await publishedKit('catalog-kit');
    const goldCatalog = await t.http().get('/api/v1/kits').set('authorization', goldAdmin.auth).expect(200);
    expect((goldCatalog.body as { items: { id: string }[] }).items.map((k) => k.id)).toContain(kitId);
    const silverCatalog = await t.http().get('/api/v1/kits').set('authorization', silverAdmin.auth).expect(200);
    expect((silverCatalog.body as { items: { id: string }[] }).items.map((k) => k.id)).not.toContain(kitId);
    await t.http().get(`/api/v1/kits/${kitId}`).set('authorization', silverAdmin.auth).expect(404);
    const refused = await t.http().post(`/api/v1/kits/${kitId}/launches`).set('authorization', silverAdmin.auth).send({}).expect(404);
    expect(refused.body).toMatchObject({ code: 'NOT_FOUND' });
    expect(await t.db.query('SELECT 1 FROM launches WHERE kit_id = $1', [kitId])).toHaveLength(0);
  });

  it('launches once per Idempotency-Key, even for two requests at the same moment', async () => {
    const kitId = await publishedKit('idempotent-kit');
    const first = await t.http().post(`/api/v1/kits/${kitId}/launches`).set('authorization', goldAdmin.auth).set('idempotency-key', 'click-1').send({}).expect(201);
    const again = await t.http().post(`/api/v1/kits/${kitId}/launches`).set('authorization', goldAdmin.auth).set('idempotency-key', 'click-1').send({}).expect(200);
    expect((again.body as { id: string }).id).toBe((first.body as { id: string }).id);
    await t.http().post(`/api/v1/launches/${(first.body as { id: string }).id}/end`).set('authorization', goldAdmin.auth).expect(200);

    const [a, b] = await Promise.all([
      t.http().post(`/api/v1/kits/${kitId}/launches`).set('authorization', goldAdmin.auth).set('idempotency-key', 'click-2').send({}),
      t.http().post(`/api/v1/kits/${kitId}/launches`).set('authorization', goldAdmin.auth).set('idempotency-key', 'click-2').send({}),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect((a.body as { id: string }).id).toBe((b.body as { id: string }).id);
    const live = await t.db.query<{ n: number }[]>("SELECT count(*)::int AS n FROM launches WHERE kit_id = $1 AND idempotency_key = 'click-2'", [kitId]);
    expect(live[0]!.n).toBe(1);
  });

  it('stores the co-branded banner of the launch', async () => {
    const kitId = await publishedKit('rendition-kit');
    const before = await t.db.query<{ n: number }[]>('SELECT count(*)::int AS n FROM renditions WHERE partner_id = $1', [goldPartnerId]);
    await t
      .http()
      .post(`/api/v1/kits/${kitId}/launches`)
      .set('authorization', goldAdmin.auth)
      .send({ edits: { [templateIds['social-banner-1200x628']!]: { headline: 'A headline only this launch uses' } } })
      .expect(201);
    const after = await t.db.query<{ n: number }[]>('SELECT count(*)::int AS n FROM renditions WHERE partner_id = $1', [goldPartnerId]);
    expect(after[0]!.n).toBe(before[0]!.n + 1);
  });

  it('refuses a launch outside the availability window, saying when it opens', async () => {
    const kitId = await publishedKit('future-kit', { startsAt: '2027-01-01T00:00:00Z' });
    const res = await t.http().post(`/api/v1/kits/${kitId}/launches`).set('authorization', goldAdmin.auth).send({}).expect(422);
    expect(res.body).toMatchObject({ code: 'KIT_NOT_AVAILABLE', message: expect.stringContaining('2027-01-01') });
  });

  it('refuses edits that break a rule, and launches that leave placeholders, naming template and field', async () => {
    const kitId = await publishedKit('webinar-kit', { templateIds: [templateIds['webinar-invitation']] });
    const webinar = templateIds['webinar-invitation']!;
    const blocked = await t.http().post(`/api/v1/kits/${kitId}/launches`).set('authorization', goldAdmin.auth).send({}).expect(422);
    expect(blocked.body).toMatchObject({ code: 'LAUNCH_BLOCKED' });
    const fields = (blocked.body as { details: { fields: { field: string; rule: string }[] } }).details.fields;
    expect(fields).toContainEqual(expect.objectContaining({ field: `edits.${webinar}.webinarDate`, rule: 'mustChange' }));
    const invalid = await t
      .http()
      .post(`/api/v1/kits/${kitId}/launches`)
      .set('authorization', goldAdmin.auth)
      .send({ edits: { [webinar]: { webinarTime: '25:99' } } })
      .expect(422);
    expect(invalid.body).toMatchObject({ code: 'EDIT_INVALID', details: { fields: [expect.objectContaining({ field: `edits.${webinar}.webinarTime`, rule: 'pattern' })] } });
    expect(await t.db.query('SELECT 1 FROM launches WHERE kit_id = $1', [kitId])).toHaveLength(0);
  });

  it('lets a channel manager launch on a partner’s behalf, and the audit log says who acted for whom', async () => {
    const kitId = await publishedKit('concierge-kit');
    const res = await t.http().post(`/api/v1/kits/${kitId}/launches`).set('authorization', channel.auth).send({ partnerId: goldPartnerId }).expect(201);
    const launch = res.body as { id: string; mode: string; partnerId: string };
    expect(launch).toMatchObject({ mode: 'concierge', partnerId: goldPartnerId });
    const audit = await t.db.query<{ actor_user_id: string; on_behalf_of_partner_id: string }[]>('SELECT actor_user_id, on_behalf_of_partner_id FROM audit_events WHERE entity_id = $1', [launch.id]);
    expect(audit).toEqual([{ actor_user_id: channel.user.id, on_behalf_of_partner_id: goldPartnerId }]);
    // The partner sees it among its own launches; another partner cannot.
    await t.http().get(`/api/v1/launches/${launch.id}`).set('authorization', goldAdmin.auth).expect(200);
    await t.http().get(`/api/v1/launches/${launch.id}`).set('authorization', silverAdmin.auth).expect(404);
  });

  it('pauses, resumes and ends; an ended launch stays ended; retiring a kit ends its launches', async () => {
    const kitId = await publishedKit('lifecycle-kit');
    const res = await t.http().post(`/api/v1/kits/${kitId}/launches`).set('authorization', goldAdmin.auth).send({}).expect(201);
    const id = (res.body as { id: string }).id;
    expect((await t.http().post(`/api/v1/launches/${id}/pause`).set('authorization', goldAdmin.auth).expect(200)).body).toMatchObject({ status: 'paused' });
    expect((await t.http().post(`/api/v1/launches/${id}/resume`).set('authorization', goldAdmin.auth).expect(200)).body).toMatchObject({ status: 'active' });
    const second = await publishedKit('lifecycle-kit-2');
    const other = await t.http().post(`/api/v1/kits/${second}/launches`).set('authorization', goldAdmin.auth).send({}).expect(201);
    await t.http().post(`/api/v1/kits/${second}/retire`).set('authorization', marketer.auth).expect(200);
    expect((await t.http().get(`/api/v1/launches/${(other.body as { id: string }).id}`).set('authorization', goldAdmin.auth).expect(200)).body).toMatchObject({ status: 'ended' });
    await t.http().post(`/api/v1/launches/${id}/end`).set('authorization', goldAdmin.auth).expect(200);
    const refused = await t.http().post(`/api/v1/launches/${id}/resume`).set('authorization', goldAdmin.auth).expect(409);
    expect(refused.body).toMatchObject({ code: 'LAUNCH_STATUS' });
  });

  it('auto-launches for opted-in eligible partners exactly once, even when the job runs again', async () => {
    await t.http().put(`/api/v1/partners/${goldPartnerId}/auto-launch`).set('authorization', goldAdmin.auth).send({ categories: ['auto-category'] }).expect(200);
    const kitId = await publishedKit('auto-kit', { category: 'auto-category' });
    const deadline = Date.now() + 20_000;
    let launches: { id: string; mode: string; kit_version_id: string }[] = [];
    while (Date.now() < deadline) {
      launches = await t.db.query('SELECT id, mode, kit_version_id FROM launches WHERE kit_id = $1', [kitId]);
      if (launches.length > 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(launches).toEqual([expect.objectContaining({ mode: 'auto' })]);
    const kit = await t.http().get(`/api/v1/kits/${kitId}`).set('authorization', marketer.auth).expect(200);
    expect(kit.body).toMatchObject({ autoLaunch: { total: 1, launched: 1 } });
    // A retry of the same job (a new job id, as if it had been removed) launches nothing new.
    await t.get(LaunchService).autoLaunch(launches[0]!.kit_version_id, goldPartnerId);
    expect(await t.db.query('SELECT 1 FROM launches WHERE kit_id = $1', [kitId])).toHaveLength(1);
  });

  it('serves the launch’s co-branded landing page, and a polite page once the launch has ended', async () => {
    const kitId = await publishedKit('landing-kit', { templateIds: [templateIds['backup-5-trial']] });
    const partner = await t.db.query<{ slug: string; name: string }[]>('SELECT slug, name FROM partners WHERE id = $1', [goldPartnerId]);
    const { slug, name } = partner[0]!;
    await t.http().get(`/p/${slug}/landing-kit`).expect(404);
    const launched = await t.http().post(`/api/v1/kits/${kitId}/launches`).set('authorization', goldAdmin.auth).send({}).expect(201);
    const page = await t.http().get(`/p/${slug}/landing-kit`).expect(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.text).toContain(name);
    expect(page.text).toContain(`action="http://localhost:0/p/${slug}/landing-kit/lead"`);
    expect(page.text).toContain('name="website_url"');
    await t.http().post(`/api/v1/launches/${(launched.body as { id: string }).id}/end`).set('authorization', goldAdmin.auth).expect(200);
    const ended = await t.http().get(`/p/${slug}/landing-kit`).expect(410);
    expect(ended.text).toContain('This campaign has ended');
    await t.http().get('/p/no-such-partner/landing-kit').expect(404);
    await t.http().get('/p/..%2F..%2Fetc/landing-kit').expect(404);
  });

  it('gives the launch its own trackable links, which carry the partner and campaign and end with it', async () => {
    await t.db.query("UPDATE partners SET website = 'https://partner.example/' WHERE id = $1", [goldPartnerId]);
    const kitId = await publishedKit('links-kit');
    const launched = await t.http().post(`/api/v1/kits/${kitId}/launches`).set('authorization', goldAdmin.auth).send({}).expect(201);
    const id = (launched.body as { id: string }).id;
    const detail = await t.http().get(`/api/v1/launches/${id}`).set('authorization', goldAdmin.auth).expect(200);
    const links = (detail.body as { links: { assetKey: string; medium: string; url: string }[] }).links;
    // The email's button points outside the kit's destinations: it gets its own link too.
    expect(links.map((l) => [l.assetKey, l.medium]).sort()).toEqual([
      ['product-launch.ctaUrl', 'email'],
      ['product-launch.trial', 'email'],
      ['social-banner-1200x628.trial', 'banner'],
    ]);
    const email = links.find((l) => l.assetKey === 'product-launch.trial')!;
    const code = new URL(email.url).pathname.split('/').pop()!;
    const partner = await t.db.query<{ slug: string }[]>('SELECT slug FROM partners WHERE id = $1', [goldPartnerId]);
    const redirect = await t.http().get(`/l/${code}`).expect(302);
    const target = new URL(redirect.headers.location as string);
    expect(target.origin + target.pathname).toBe('https://www.acme-cloud.example/backup-5/trial');
    expect(Object.fromEntries(target.searchParams)).toMatchObject({ utm_source: partner[0]!.slug, utm_medium: 'email', utm_campaign: 'links-kit', utm_content: 'product-launch.trial' });
    await t.http().post(`/api/v1/launches/${id}/end`).set('authorization', goldAdmin.auth).expect(200);
    const ended = await t.http().get(`/l/${code}`).expect(302);
    expect(ended.headers.location).toBe('https://partner.example/');
  });

  it('captures a lead from the landing page, attributed to the launch and the click that brought the visitor', async () => {
    const kitId = await publishedKit('lead-kit', { templateIds: [templateIds['backup-5-trial']] });
    const launched = await t.http().post(`/api/v1/kits/${kitId}/launches`).set('authorization', goldAdmin.auth).send({}).expect(201);
    const launchId = (launched.body as { id: string }).id;
    const detail = await t.http().get(`/api/v1/launches/${launchId}`).set('authorization', goldAdmin.auth).expect(200);
    const link = (detail.body as { links: { url: string }[] }).links[0]!;
    const click = await t.http().get(new URL(link.url).pathname).set('user-agent', 'Mozilla/5.0 (Windows NT 10.0) Chrome/130.0').expect(302);
    const cookie = (click.headers['set-cookie'] as unknown as string[])[0]!.split(';')[0]!;
    const clickId = cookie.split('=')[1]!;
    const slug = (await t.db.query<{ slug: string }[]>('SELECT slug FROM partners WHERE id = $1', [goldPartnerId]))[0]!.slug;

    const thanks = await t
      .http()
      .post(`/p/${slug}/lead-kit/lead`)
      .set('cookie', cookie)
      .type('form')
      .send({ firstName: 'Dana', lastName: 'Lead', email: 'Dana.Lead@Example.com', company: 'Example Ltd', consent: 'on', website_url: '' })
      .expect(200);
    expect(thanks.text).toContain('Thank you');
    const leads = await t.db.query<{ launch_id: string; click_id: string; consent: string; email: string }[]>(
      'SELECT l.launch_id, l.click_id, l.consent, c.email FROM leads l JOIN contacts c ON c.id = l.contact_id WHERE l.launch_id = $1',
      [launchId],
    );
    expect(leads).toEqual([{ launch_id: launchId, click_id: clickId, consent: 'granted', email: 'Dana.Lead@Example.com' }]);
    const notice = await t.mail.waitFor((m) => m.to.includes(goldAdmin.user.email) && m.subject.includes('New lead'));
    expect(notice.text).toContain('Dana.Lead@Example.com');

    // The honeypot: thanked, nothing kept. A missing email: refused, naming it.
    await t.http().post(`/p/${slug}/lead-kit/lead`).type('form').send({ email: 'bot@example.com', website_url: 'http://spam.example' }).expect(200);
    await t.http().post(`/p/${slug}/lead-kit/lead`).type('form').send({ firstName: 'No email' }).expect(400);
    const count = await t.db.query<{ n: number }[]>('SELECT count(*)::int AS n FROM leads WHERE launch_id = $1', [launchId]);
    expect(count[0]!.n).toBe(1);
  });

  it('reports a launch’s results (raw and filtered clicks, leads) and the kit’s adoption by tier', async () => {
    const kitId = await publishedKit('results-kit', { templateIds: [templateIds['backup-5-trial']] });
    const launched = await t.http().post(`/api/v1/kits/${kitId}/launches`).set('authorization', goldAdmin.auth).send({}).expect(201);
    const launchId = (launched.body as { id: string }).id;
    const detail = await t.http().get(`/api/v1/launches/${launchId}`).set('authorization', goldAdmin.auth).expect(200);
    const path = new URL((detail.body as { links: { url: string }[] }).links[0]!.url).pathname;
    const human = await t.http().get(path).set('user-agent', 'Mozilla/5.0 (Macintosh) Safari/605.1.15').expect(302);
    await t.http().get(path).set('user-agent', 'Googlebot/2.1 (+http://www.google.com/bot.html)').expect(302);
    const cookie = (human.headers['set-cookie'] as unknown as string[])[0]!.split(';')[0]!;
    const slug = (await t.db.query<{ slug: string }[]>('SELECT slug FROM partners WHERE id = $1', [goldPartnerId]))[0]!.slug;
    await t.http().post(`/p/${slug}/results-kit/lead`).set('cookie', cookie).type('form').send({ email: 'r@example.com' }).expect(200);
    await t.get(ClickRecorder).flush();

    const results = await t.http().get(`/api/v1/launches/${launchId}/results`).set('authorization', goldAdmin.auth).expect(200);
    expect(results.body).toMatchObject({ clicks: { raw: 2, filtered: 1, bots: 1 }, leads: 1, clickToLeadRate: 1 });
    await t.http().get(`/api/v1/launches/${launchId}/results`).set('authorization', silverAdmin.auth).expect(404);

    const kit = await t.http().get(`/api/v1/kits/${kitId}/results`).set('authorization', marketer.auth).expect(200);
    const body = kit.body as { adoption: { tierId: string; eligible: number; launched: number }[]; totals: { launches: number; clicksRaw: number; clicksFiltered: number; leads: number } };
    expect(body.adoption.find((a) => a.tierId === goldTierId)).toMatchObject({ eligible: 1, launched: 1 });
    expect(body.totals).toMatchObject({ launches: 1, clicksRaw: 2, clicksFiltered: 1, leads: 1 });
    await t.http().get(`/api/v1/kits/${kitId}/results`).set('authorization', goldAdmin.auth).expect(403);
  });
});
