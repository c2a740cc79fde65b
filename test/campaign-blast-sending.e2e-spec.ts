import { BlastService } from '@app/campaigns';
import { MessageSender } from '@app/mailing';
import { addContact, FakeClock, loadBrandAndTemplates, makePartner, makeTier, makeUser, publishedKit, startTestApp, TestApp, TestUser } from '@app/testing';

const CTA_URL = 'https://www.acme-cloud.example/backup-5';

describe('campaign blast: a launch emails its audience at the partner-local send time', () => {
  let t: TestApp;
  let marketer: TestUser;
  let admin: TestUser;
  let partnerId: string;
  let partnerSlug: string;
  let tierId: string;
  const templateIds: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp({ clock: new FakeClock('2026-11-03T12:00:00Z'), env: { SESSION_TTL_MINUTES: '1440' } });
    marketer = await makeUser(t, 'vendor_marketer');
    tierId = (await makeTier(t, { name: 'Gold' })).id;
    const partner = await makePartner(t, { tierId, region: 'NA', name: 'Northwind Systems', timeZone: 'America/New_York' });
    partnerId = partner.id;
    partnerSlug = partner.slug;
    admin = await makeUser(t, 'partner_admin', { partnerId });
    Object.assign(templateIds, await loadBrandAndTemplates(t, marketer));
  });
  afterAll(() => t.close());

  async function contact(email: string, consent: 'granted' | 'pending', firstName: string): Promise<void> {
    await addContact(t, partnerId, email, { consent, firstName });
  }

  async function audience(name: string, companyContains?: string): Promise<string> {
    const res = await t
      .http()
      .post('/api/v1/audiences')
      .set('authorization', admin.auth)
      .send({ name, filter: companyContains ? { companyContains } : {} })
      .expect(201);
    return (res.body as { id: string }).id;
  }

  const kit = (slug: string) => publishedKit(t, marketer, tierId, templateIds, slug);

  const sender = () => t.get(MessageSender);
  const blasts = () => t.get(BlastService);

  it('sends once per consenting, unsuppressed contact at 09:00 New York time, from the partner, with tracked links', async () => {
    await contact('ana@customer.example', 'granted', 'Ana');
    await contact('ben@customer.example', 'granted', 'Ben');
    await contact('cleo@customer.example', 'pending', 'Cleo');
    await contact('dan@customer.example', 'granted', 'Dan');
    await t.db.query(`INSERT INTO suppressions (partner_id, email_normalised, reason) VALUES ($1, 'dan@customer.example', 'unsubscribed')`, [partnerId]);
    const audienceId = await audience('Everyone');
    const kitId = await kit('blast-kit');

    const launched = await t
      .http()
      .post(`/api/v1/kits/${kitId}/launches`)
      .set('authorization', admin.auth)
      .send({ audienceId, sendAt: '2026-11-03T09:00' })
      .expect(201);
    const launch = launched.body as { id: string; sendAt: string; blastStatus: string };
    expect(launch.sendAt).toBe('2026-11-03T14:00:00.000Z');
    expect(launch.blastStatus).toBe('scheduled');

    // Before the send time nothing is written or sent.
    expect(await blasts().expandDue()).toBe(0);
    t.clock.set('2026-11-03T14:00:00Z');
    expect(await blasts().expandDue()).toBe(2);
    expect(await blasts().expandDue()).toBe(0);
    await sender().drain();

    const caught = t.mail.list().filter((m) => m.to[0]?.endsWith('@customer.example'));
    expect(caught.map((m) => m.to[0]).sort()).toEqual(['ana@customer.example', 'ben@customer.example']);
    const ana = caught.find((m) => m.to[0] === 'ana@customer.example')!;
    expect(ana.from).toBe(`"Northwind Systems via Acme Cloud" <${partnerSlug}@channelkit.local>`);
    expect(ana.headers['reply-to']).toContain(admin.user.email);
    expect(ana.html).toContain('Hi Ana,');
    const row = (await t.db.query<{ id: string; message_id_header: string; status: string }[]>(`SELECT id, message_id_header, status FROM messages WHERE to_address = 'ana@customer.example'`))[0]!;
    expect(row.status).toBe('sent');
    expect(ana.headers['message-id']).toBe(row.message_id_header);
    expect(ana.headers['list-unsubscribe']).toMatch(/^<http:\/\/localhost:\d+\/u\/[0-9a-f]{32}\.[\w-]+>$/);
    expect(ana.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    // The CTA goes through the launch's own trackable link, tagged with this message.
    const link = (await t.db.query<{ code: string }[]>(`SELECT code FROM trackable_links WHERE launch_id = $1 AND asset_key = 'product-launch.product'`, [launch.id]))[0]!;
    expect(ana.html).toContain(`/l/${link.code}?m=${row.id}`);
    expect(ana.html).not.toContain(`href="${CTA_URL}"`);
    expect(ana.html).toMatch(/<img src="http:\/\/localhost:\d+\/o\/[^"]+" width="1" height="1"/);

    // "View it in your browser" shows the same message to its recipient; a forged token shows nothing.
    const viewUrl = /href="http:\/\/localhost:\d+(\/v\/[^"]+)"/.exec(ana.html)?.[1];
    expect(viewUrl).toBeDefined();
    const copy = await t.http().get(viewUrl!).expect(200);
    expect(copy.text).toContain('Hi Ana,');
    await t.http().get(`${viewUrl!.slice(0, -3)}xyz`).expect(404);

    const view = await t.http().get(`/api/v1/launches/${launch.id}`).set('authorization', admin.auth).expect(200);
    expect(view.body).toMatchObject({ blastStatus: 'queued', blastCount: 2 });
    // The message and its history: the partner's own; masked for the vendor; invisible to another partner.
    const mine = await t.http().get(`/api/v1/messages/${row.id}`).set('authorization', admin.auth).expect(200);
    expect(mine.body).toMatchObject({ to: 'ana@customer.example', status: 'sent', launchId: launch.id });
    expect((mine.body as { history: { type: string }[] }).history.map((h) => h.type)).toEqual(['queued', 'sent']);
    const vendorView = await t.http().get(`/api/v1/messages?launchId=${launch.id}`).set('authorization', marketer.auth).expect(200);
    expect((vendorView.body as { items: { to: string }[] }).items.map((m) => m.to).sort()).toEqual(['a•••@customer.example', 'b•••@customer.example']);
    const stranger = await makeUser(t, 'partner_admin', { partnerId: (await makePartner(t, { tierId })).id });
    await t.http().get(`/api/v1/messages/${row.id}`).set('authorization', stranger.auth).expect(404);
    expect((await t.http().get(`/api/v1/messages?launchId=${launch.id}`).set('authorization', stranger.auth).expect(200)).body).toMatchObject({ items: [] });

    const results = await t.http().get(`/api/v1/launches/${launch.id}/results`).set('authorization', admin.auth).expect(200);
    expect(results.body).toMatchObject({ sends: { sent: 2, pending: 0, bounced: 0 } });
  });

  it('holds a paused launch’s messages, sends them on resume, and cancels them when the launch ends', async () => {
    await contact('erin@pause.example', 'granted', 'Erin');
    await t.db.query(`UPDATE contacts SET company = 'Pause Co' WHERE email = 'erin@pause.example'`);
    const audienceId = await audience('Pause Co', 'Pause');
    const kitId = await kit('pause-kit');
    const launch = (await t.http().post(`/api/v1/kits/${kitId}/launches`).set('authorization', admin.auth).send({ audienceId }).expect(201)).body as { id: string };
    expect(await blasts().expandDue()).toBe(1);
    await t.http().post(`/api/v1/launches/${launch.id}/pause`).set('authorization', admin.auth).expect(200);
    await sender().drain();
    expect(t.mail.list().some((m) => m.to[0] === 'erin@pause.example')).toBe(false);
    const held = await t.db.query<{ status: string; hold_reason: string }[]>(`SELECT status, hold_reason FROM messages WHERE launch_id = $1`, [launch.id]);
    expect(held).toEqual([{ status: 'held', hold_reason: 'launch paused' }]);

    await t.http().post(`/api/v1/launches/${launch.id}/resume`).set('authorization', admin.auth).expect(200);
    await sender().drain();
    expect(t.mail.list().filter((m) => m.to[0] === 'erin@pause.example')).toHaveLength(1);

    // A second blast on another kit, ended before it goes: nothing is sent.
    await contact('fay@pause.example', 'granted', 'Fay');
    await t.db.query(`UPDATE contacts SET company = 'Pause Co' WHERE email = 'fay@pause.example'`);
    const kit2 = await kit('end-kit');
    const launch2 = (await t.http().post(`/api/v1/kits/${kit2}/launches`).set('authorization', admin.auth).send({ audienceId }).expect(201)).body as { id: string };
    await blasts().expandDue();
    await t.http().post(`/api/v1/launches/${launch2.id}/end`).set('authorization', admin.auth).expect(200);
    await sender().drain();
    const statuses = await t.db.query<{ status: string }[]>(`SELECT status FROM messages WHERE launch_id = $1`, [launch2.id]);
    expect(statuses.map((s) => s.status)).toEqual(['cancelled', 'cancelled']);
    expect(t.mail.list().filter((m) => m.to[0] === 'fay@pause.example')).toHaveLength(0);
  });

  it('tracks a call to action that is not one of the kit’s destinations through its own link of the launch', async () => {
    await contact('gil@other-cta.example', 'granted', 'Gil');
    await t.db.query(`UPDATE contacts SET company = 'Other CTA' WHERE email = 'gil@other-cta.example'`);
    const audienceId = await audience('Other CTA', 'Other CTA');
    const created = await t
      .http()
      .post('/api/v1/kits')
      .set('authorization', marketer.auth)
      .send({
        slug: 'trial-kit',
        category: 'product-launch',
        name: 'Trial kit',
        templateIds: [templateIds['product-launch']],
        destinations: [{ key: 'trial', url: 'https://www.acme-cloud.example/backup-5/trial', label: 'Trial' }],
        eligibility: { tierIds: [tierId] },
      })
      .expect(201);
    const kitId = (created.body as { id: string }).id;
    await t.http().post(`/api/v1/kits/${kitId}/publish`).set('authorization', marketer.auth).expect(200);
    const launch = (await t.http().post(`/api/v1/kits/${kitId}/launches`).set('authorization', admin.auth).send({ audienceId }).expect(201)).body as { id: string };
    const links = await t.db.query<{ code: string; asset_key: string; destination_url: string }[]>(`SELECT code, asset_key, destination_url FROM trackable_links WHERE launch_id = $1 ORDER BY asset_key`, [launch.id]);
    expect(links.map((l) => [l.asset_key, l.destination_url])).toEqual([
      ['product-launch.ctaUrl', `${CTA_URL}`],
      ['product-launch.trial', 'https://www.acme-cloud.example/backup-5/trial'],
    ]);
    await blasts().expandDue();
    await sender().drain();
    const gil = t.mail.list().find((m) => m.to[0] === 'gil@other-cta.example')!;
    expect(gil.html).toContain(`/l/${links[0]!.code}?m=`);
    expect(gil.html).not.toContain(`href="${CTA_URL}"`);
  });

  it('refuses a blast to another partner’s audience, to the past, or without an email template, naming the field', async () => {
    const other = await makePartner(t, { tierId, region: 'NA' });
    const otherAdmin = await makeUser(t, 'partner_admin', { partnerId: other.id });
    const otherAudience = (await t.http().post('/api/v1/audiences').set('authorization', otherAdmin.auth).send({ name: 'Theirs', filter: {} }).expect(201)).body as { id: string };
    const kitId = await kit('refusals-kit');
    const foreign = await t.http().post(`/api/v1/kits/${kitId}/launches`).set('authorization', admin.auth).send({ audienceId: otherAudience.id }).expect(422);
    expect(foreign.body).toMatchObject({ details: { fields: [expect.objectContaining({ field: 'audienceId' })] } });
    const mine = await audience('Mine');
    const past = await t.http().post(`/api/v1/kits/${kitId}/launches`).set('authorization', admin.auth).send({ audienceId: mine, sendAt: '2020-01-01T09:00:00Z' }).expect(422);
    expect(past.body).toMatchObject({ details: { fields: [expect.objectContaining({ field: 'sendAt' })] } });
    const noAudience = await t.http().post(`/api/v1/kits/${kitId}/launches`).set('authorization', admin.auth).send({ sendAt: '2027-01-01T09:00:00Z' }).expect(422);
    expect(noAudience.body).toMatchObject({ details: { fields: [expect.objectContaining({ field: 'audienceId' })] } });
    expect(await t.db.query('SELECT 1 FROM launches WHERE kit_id = $1', [kitId])).toHaveLength(0);
  });
});
