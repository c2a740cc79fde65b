import { BlastService } from '@app/campaigns';
import { MessageSender } from '@app/mailing';
import { addContact, FakeClock, loadBrandAndTemplates, makePartner, makeTier, makeUser, publishedKit, startTestApp, TestApp, TestUser } from '@app/testing';

/**
 * Concierge launch with an audience: a channel manager launches a kit on Northwind's behalf, picks
 * one of Northwind's audiences (seen by name and size only) and the email goes out in Northwind's
 * name at Northwind's local send time. Another partner's audience is refused.
 */
describe('concierge launch to the partner’s own audience', () => {
  let t: TestApp;
  let marketer: TestUser;
  let manager: TestUser;
  let northwindAdmin: TestUser;
  let northwindUser: TestUser;
  let harbourAdmin: TestUser;
  let northwind: { id: string; slug: string };
  let harbourId: string;
  let customersId: string;
  let prospectsId: string;
  let harbourAudienceId: string;
  let kitId: string;

  async function audience(admin: TestUser, name: string, filter: Record<string, unknown>): Promise<string> {
    return ((await t.http().post('/api/v1/audiences').set('authorization', admin.auth).send({ name, filter }).expect(201)).body as { id: string }).id;
  }

  beforeAll(async () => {
    t = await startTestApp({ clock: new FakeClock('2026-11-03T12:00:00Z'), env: { SESSION_TTL_MINUTES: '1440' } });
    marketer = await makeUser(t, 'vendor_marketer');
    manager = await makeUser(t, 'channel_manager');
    const tier = await makeTier(t, { name: 'Gold' });
    const partner = await makePartner(t, { tierId: tier.id, name: 'Northwind Systems', timeZone: 'America/New_York' });
    northwind = { id: partner.id, slug: partner.slug };
    harbourId = (await makePartner(t, { tierId: tier.id, name: 'Harbour Tech' })).id;
    northwindAdmin = await makeUser(t, 'partner_admin', { partnerId: northwind.id });
    northwindUser = await makeUser(t, 'partner_user', { partnerId: northwind.id });
    harbourAdmin = await makeUser(t, 'partner_admin', { partnerId: harbourId });

    await addContact(t, northwind.id, 'ana@customer.example', { firstName: 'Ana', company: 'Customer Co' });
    await addContact(t, northwind.id, 'ben@customer.example', { firstName: 'Ben', company: 'Customer Co' });
    await addContact(t, northwind.id, 'cleo@customer.example', { firstName: 'Cleo', company: 'Customer Co', consent: 'pending' });
    await addContact(t, northwind.id, 'dev@prospect.example', { firstName: 'Dev', company: 'Prospect Ltd' });
    await addContact(t, harbourId, 'hal@harbour-customer.example', { firstName: 'Hal', company: 'Customer Co' });
    customersId = await audience(northwindAdmin, 'Customers', { companyContains: 'Customer' });
    prospectsId = await audience(northwindAdmin, 'Prospects', { companyContains: 'Prospect' });
    harbourAudienceId = await audience(harbourAdmin, 'Harbour customers', {});

    kitId = await publishedKit(t, marketer, tier.id, await loadBrandAndTemplates(t, marketer), 'concierge-kit');
  });
  afterAll(() => t.close());

  it('shows the vendor the partner’s audiences by name with their sizes, and no contact', async () => {
    const res = await t.http().get(`/api/v1/partners/${northwind.id}/audiences`).set('authorization', manager.auth).expect(200);
    expect(res.body).toEqual({
      items: [
        { id: customersId, name: 'Customers', matching: 3, sendable: 2 },
        { id: prospectsId, name: 'Prospects', matching: 1, sendable: 1 },
      ],
      nextCursor: null,
    });
    expect(JSON.stringify(res.body)).not.toContain('@');

    const first = await t.http().get(`/api/v1/partners/${northwind.id}/audiences`).query({ limit: 1 }).set('authorization', marketer.auth).expect(200);
    expect((first.body as { items: { name: string }[] }).items.map((a) => a.name)).toEqual(['Customers']);
    const second = await t.http().get(`/api/v1/partners/${northwind.id}/audiences`).query({ limit: 1, cursor: (first.body as { nextCursor: string }).nextCursor }).set('authorization', marketer.auth).expect(200);
    expect(second.body).toEqual({ items: [{ id: prospectsId, name: 'Prospects', matching: 1, sendable: 1 }], nextCursor: null });

    await t.http().get('/api/v1/partners/00000000-0000-4000-8000-000000000000/audiences').set('authorization', manager.auth).expect(404);
  });

  it('keeps the vendor read from partner users, their own partner’s included, and from finance', async () => {
    for (const user of [northwindAdmin, northwindUser, harbourAdmin, await makeUser(t, 'finance')]) {
      const res = await t.http().get(`/api/v1/partners/${northwind.id}/audiences`).set('authorization', user.auth).expect(403);
      expect(res.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
    }
  });

  it('refuses another partner’s audience on a concierge launch, naming the field, and launches nothing', async () => {
    const res = await t.http().post(`/api/v1/kits/${kitId}/launches`).set('authorization', manager.auth).send({ partnerId: northwind.id, audienceId: harbourAudienceId }).expect(422);
    expect(res.body.details.fields).toEqual([{ field: 'audienceId', problems: ['is not one of Northwind Systems’s audiences'] }]);
    expect(await t.db.query(`SELECT id FROM launches WHERE partner_id = $1`, [northwind.id])).toEqual([]);
  });

  it('emails the partner’s audience in the partner’s name at the partner’s local send time', async () => {
    const launched = await t
      .http()
      .post(`/api/v1/kits/${kitId}/launches`)
      .set('authorization', manager.auth)
      .send({ partnerId: northwind.id, audienceId: customersId, sendAt: '2026-11-03T09:30' })
      .expect(201);
    const launch = launched.body as { id: string; mode: string; partnerId: string; audienceId: string; sendAt: string; blastStatus: string };
    expect(launch).toMatchObject({ mode: 'concierge', partnerId: northwind.id, audienceId: customersId, blastStatus: 'scheduled' });
    // 09:30 in New York.
    expect(launch.sendAt).toBe('2026-11-03T14:30:00.000Z');

    const blasts = t.get(BlastService);
    expect(await blasts.expandDue()).toBe(0);
    t.clock.set('2026-11-03T14:30:00Z');
    expect(await blasts.expandDue()).toBe(2);
    await t.get(MessageSender).drain();

    const caught = t.mail.list().filter((m) => m.to[0]?.endsWith('@customer.example'));
    expect(caught.map((m) => m.to[0]).sort()).toEqual(['ana@customer.example', 'ben@customer.example']);
    const ana = caught.find((m) => m.to[0] === 'ana@customer.example')!;
    expect(ana.from).toBe(`"Northwind Systems via Acme Cloud" <${northwind.slug}@channelkit.local>`);
    // Replies go to the partner, not to the channel manager who launched it.
    expect(ana.headers['reply-to']).toContain(northwindAdmin.user.email);
    expect(ana.html).toContain('Hi Ana,');
    expect(t.mail.list().some((m) => m.to[0] === 'dev@prospect.example' || m.to[0] === 'hal@harbour-customer.example')).toBe(false);

    // The partner sees the launch as its own, emailed and marked as launched for it.
    const seen = await t.http().get(`/api/v1/launches/${launch.id}`).set('authorization', northwindAdmin.auth).expect(200);
    expect(seen.body).toMatchObject({ mode: 'concierge', blastStatus: 'queued', blastCount: 2 });
  });
});
